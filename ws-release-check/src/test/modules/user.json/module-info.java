// A user's application that finds its endpoints by scanning and exchanges JSON records, as a named
// module. ModulePathTest compiles it three times, keeping the lines of one marker and dropping the
// others': JACKSON (its package open to wsf and to Jackson: what a user writes), WSF-ONLY (open to
// wsf alone: deployment fails naming the record and the line to write) and CLOSED (no opens at all).
// Package user.json.receipt is never open: ReceiptEndpoint returns its record as an Object, which
// deployment cannot check, so the first reply fails (1011 for the peer, the fix in the log).
module user.json {
    requires dev.wsf.runtime;
    requires dev.wsf.annotated;

    opens user.json to dev.wsf.annotated, tools.jackson.databind; // JACKSON
    opens user.json to dev.wsf.annotated; // WSF-ONLY
}
