package dev.wsf.micrometer;

/**
 * Close codes as a bounded tag: each code RFC 6455 and the IANA registry define (1000 to 1015;
 * 1004 is reserved but kept, so the index is the code minus 1000), then three buckets for the
 * rest, so that a peer choosing codes cannot make meters without end.
 */
final class CloseCodes {
    private static final int STANDARD = 16; // 1000..1015
    private static final int REGISTERED = STANDARD; // 3000..3999
    private static final int PRIVATE = STANDARD + 1; // 4000..4999
    private static final int OTHER = STANDARD + 2;

    /** How many tag values there are. */
    static final int BUCKETS = STANDARD + 3;

    private static final String[] TAGS = new String[BUCKETS];

    static {
        for (int i = 0; i < STANDARD; i++) {
            TAGS[i] = Integer.toString(1000 + i);
        }
        TAGS[REGISTERED] = "3xxx";
        TAGS[PRIVATE] = "4xxx";
        TAGS[OTHER] = "other";
    }

    private CloseCodes() {
    }

    static int bucket(int code) {
        if (code >= 1000 && code < 1000 + STANDARD) {
            return code - 1000;
        }
        if (code >= 3000 && code <= 3999) {
            return REGISTERED;
        }
        if (code >= 4000 && code <= 4999) {
            return PRIVATE;
        }
        return OTHER;
    }

    static String tag(int bucket) {
        return TAGS[bucket];
    }
}
