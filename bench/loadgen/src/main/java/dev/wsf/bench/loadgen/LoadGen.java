package dev.wsf.bench.loadgen;

/**
 * Entry point: runs one measurement and prints it as one {@code RESULT key=value ...} line, which
 * {@code bench/run.sh} parses. Exit status 2 means the run failed (bad handshake, wrong echo,
 * dropped connection): such a server gets no number.
 */
public final class LoadGen {

    private LoadGen() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].startsWith("fanout")) {
            fanout(args);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.err.println(FanoutOptions.USAGE);
            System.exit(1);
            return;
        }
        try {
            String result = switch (options.mode()) {
                case THROUGHPUT_TEXT, THROUGHPUT_BINARY -> new ThroughputRun(options).run();
                case LATENCY -> new LatencyRun(options).run();
                case IDLE -> new IdleRun(options).run();
            };
            System.out.println("RESULT " + result);
        } catch (Exception e) {
            System.err.println("loadgen: " + options.mode().cliName + " failed: " + e);
            System.exit(2);
        }
    }

    /** The fan-out modes print their own RESULT lines, one per test. */
    private static void fanout(String[] args) {
        FanoutOptions options;
        try {
            options = FanoutOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.println(FanoutOptions.USAGE);
            System.exit(1);
            return;
        }
        try {
            if (options.stall()) {
                new FanoutStallRun(options).run();
            } else {
                new FanoutRun(options).run();
            }
        } catch (Exception e) {
            System.err.println("loadgen: " + args[0] + " failed: " + e);
            System.exit(2);
        }
    }
}
