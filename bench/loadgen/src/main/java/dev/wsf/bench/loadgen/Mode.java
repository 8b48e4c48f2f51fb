package dev.wsf.bench.loadgen;

/** What the client measures; each mode has its own defaults (see {@link Options}). */
enum Mode {
    THROUGHPUT_TEXT("throughput-text"),
    THROUGHPUT_BINARY("throughput-binary"),
    LATENCY("latency"),
    IDLE("idle");

    final String cliName;

    Mode(String cliName) {
        this.cliName = cliName;
    }

    static Mode fromCli(String name) {
        for (Mode m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode: " + name);
    }
}
