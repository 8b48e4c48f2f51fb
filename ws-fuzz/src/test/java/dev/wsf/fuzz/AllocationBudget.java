package dev.wsf.fuzz;

/**
 * How much a connection may allocate while it reads a fuzz input: a fixed allowance for the
 * handshake, the session and the inflater's buffers, plus a multiple of the bytes actually
 * received and inflated (a message is copied a few times on its way in and back out, as a String
 * perhaps, compressed perhaps). A frame header alone must cost nothing in proportion to the
 * length it announces: with the 4 MiB message limit, a 10-byte header announcing 4 MiB followed
 * by a few bytes would otherwise cost 4 MiB.
 */
final class AllocationBudget {
    /**
     * Whether the fuzz targets enforce the budget: on, unless {@code -Dwsf.fuzz.allocationBudget=false}
     * (to look for other faults on a build that is known to break it).
     */
    static final boolean ENFORCED = Boolean.parseBoolean(System.getProperty("wsf.fuzz.allocationBudget", "true"));

    /** Handshake, session, extension chain, 64 KiB inflater chunk, JIT-cold paths: measured well under. */
    static final long FIXED = 512 * 1024;
    /** Copies of each received byte: read copy, aggregate, String, echo, compressed echo, decoder. */
    static final long PER_BYTE = 16;

    private AllocationBudget() {
    }

    static long of(long receivedBytes, long inflatedBytes) {
        return FIXED + PER_BYTE * (receivedBytes + inflatedBytes);
    }
}
