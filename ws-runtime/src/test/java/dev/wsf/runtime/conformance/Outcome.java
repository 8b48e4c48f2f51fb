package dev.wsf.runtime.conformance;

/**
 * The verdicts of the Autobahn|Testsuite, for a case's events ("behavior") and for how its
 * connection ended ("close behavior"). The labels are the ones Autobahn's reports print.
 */
enum Outcome {
    OK("OK"),
    /** Conformant, but not what a SHOULD (or a canonical behaviour the RFC leaves open) asks for. */
    NON_STRICT("NON-STRICT"),
    FAILED("FAILED"),
    /** The RFC leaves the behaviour open; the case only records it. */
    INFORMATIONAL("INFORMATIONAL"),
    /** The peer does not implement the feature the case needs (e.g. it declined permessage-deflate). */
    UNIMPLEMENTED("UNIMPLEMENTED"),
    // close behaviours only
    WRONG_CODE("WRONG CODE"),
    UNCLEAN("UNCLEAN"),
    FAILED_BY_CLIENT("FAILED BY CLIENT");

    final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** Whether a case with this verdict passes our bar: OK, or INFORMATIONAL where Autobahn only informs. */
    boolean passes() {
        return this == OK || this == INFORMATIONAL;
    }

    @Override
    public String toString() {
        return label;
    }
}
