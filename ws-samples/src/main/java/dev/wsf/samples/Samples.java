package dev.wsf.samples;

import dev.wsf.samples.chat.ChatSample;
import dev.wsf.samples.client.ClientSample;
import dev.wsf.samples.crc.CrcSample;
import dev.wsf.samples.echo.EchoSample;
import dev.wsf.samples.guice.GuiceSample;
import dev.wsf.samples.ticker.TickerSample;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the sample named by {@code -Dsample=NAME} or the first argument:
 * <pre>
 *   mvn -q -pl ws-samples -am compile exec:java -Dsample=chat
 *   java -cp ... dev.wsf.samples.Samples echo 9301
 * </pre>
 * {@code -Dport=N} (default 8080, 0 for any free port), or a second argument, and
 * {@code -Dhost=ADDRESS} (default 127.0.0.1) choose where it listens; {@code -Dtls=true} serves
 * {@code wss://} there (see {@link dev.wsf.samples.support.SampleTls}). See ws-samples/README.md.
 */
public final class Samples {
    private static final Map<String, Main> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("echo", EchoSample::main);
        SAMPLES.put("chat", ChatSample::main);
        SAMPLES.put("ticker", TickerSample::main);
        SAMPLES.put("crc", CrcSample::main);
        SAMPLES.put("guice", GuiceSample::main);
        SAMPLES.put("client", ClientSample::main);
    }

    /** A sample's {@code main} method. */
    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private Samples() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : System.getProperty("sample", "");
        if (args.length > 1 && System.getProperty("port") == null) {
            System.setProperty("port", args[1]); // "Samples echo 9301", as scripts call it; -Dport wins
        }
        Main sample = SAMPLES.get(name);
        if (sample == null) {
            throw new IllegalArgumentException((name.isEmpty() ? "no sample chosen" : "no sample named '" + name + "'")
                    + ": run one of " + SAMPLES.keySet() + " with -Dsample=NAME");
        }
        sample.run(args);
    }
}
