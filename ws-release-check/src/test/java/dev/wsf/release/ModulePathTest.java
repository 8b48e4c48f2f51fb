package dev.wsf.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published jars as a user meets them on the module path: a small application in a named
 * module of its own ({@code src/test/modules/user.echo}) is compiled against them and run with
 * {@code java --module-path}: its annotated endpoint is bound, permessage-deflate is found through
 * {@code provides}, and without {@code opens} deployment fails with a message naming the class and
 * the fix. The same application also runs from the class path. A second one
 * ({@code src/test/modules/user.json}) finds its endpoints with {@code AnnotatedEndpoints.scan} and
 * exchanges records as JSON: with its package open to wsf and to Jackson, to wsf only (deployment
 * names the records and the line to write) and to no one, and from the class path; a record of a
 * package open to no one, returned as an Object, closes the peer with 1011 and no reason while the
 * log names the fix. The cluster modules' descriptors
 * are checked too: each exports its bus, and requires transitively what its API names; and an
 * application naming both buses starts them on the module path. So is the test support's
 * ({@code dev.wsf.test}).
 */
class ModulePathTest {
    private static final Path SOURCES = Path.of("src/test/modules/user.echo");
    private static final Path WORK = Path.of("target/jpms");
    /** One class from each module the application needs at run time. */
    private static final List<String> ANCHORS = List.of(
            "dev.wsf.api.Session", "dev.wsf.runtime.WebSocketServer", "dev.wsf.annotated.AnnotatedEndpoints",
            "io.github.classgraph.ClassGraph", "tools.jackson.databind.ObjectMapper", "tools.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonProperty", "jakarta.inject.Inject");

    private static List<Path> libraries;

    @BeforeAll
    static void locateLibraries() throws ClassNotFoundException, URISyntaxException {
        libraries = new ArrayList<>();
        for (String anchor : ANCHORS) {
            libraries.add(Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
    }

    @Test
    void theDescriptorsExportOnlyTheApi() {
        ModuleFinder finder = ModuleFinder.of(libraries.toArray(Path[]::new));
        ModuleDescriptor runtime = descriptor(finder, "dev.wsf.runtime");
        assertEquals(Set.of("dev.wsf.runtime", "dev.wsf.runtime.extension.deflate"), exports(runtime));
        assertTrue(runtime.uses().contains("dev.wsf.api.extension.ExtensionFactory"));
        assertTrue(runtime.provides().stream().anyMatch(p -> p.service().equals("dev.wsf.api.extension.ExtensionFactory")
                && p.providers().contains("dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory")));
        assertEquals(Set.of("dev.wsf.annotated", "dev.wsf.annotated.codec", "dev.wsf.annotated.spi"), exports(descriptor(finder, "dev.wsf.annotated")));
        assertTrue(exports(descriptor(finder, "dev.wsf.api")).contains("dev.wsf.api.annotation"));
    }

    @Test
    void theClusterDescriptorsExportTheBusesAndRequireWhatTheirApiNames() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (String anchor : List.of("dev.wsf.cluster.BusBuilder", "dev.wsf.cluster.redis.RedisTopicBus",
                "dev.wsf.cluster.nats.NatsTopicBus")) {
            jars.add(Path.of(Class.forName(anchor).getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        ModuleDescriptor core = descriptor(finder, "dev.wsf.cluster");
        assertEquals(Set.of("dev.wsf.cluster"), exports(core));
        assertEquals(Set.of("dev.wsf.api"), transitive(core));
        ModuleDescriptor redis = descriptor(finder, "dev.wsf.cluster.redis");
        assertEquals(Set.of("dev.wsf.cluster.redis"), exports(redis));
        assertEquals(Set.of("dev.wsf.api", "dev.wsf.cluster", "lettuce.core"), transitive(redis));
        ModuleDescriptor nats = descriptor(finder, "dev.wsf.cluster.nats");
        assertEquals(Set.of("dev.wsf.cluster.nats"), exports(nats));
        assertEquals(Set.of("dev.wsf.api", "dev.wsf.cluster", "io.nats.jnats"), transitive(nats));
    }

    @Test
    void theTestSupportDescriptorExportsItsPackageAndRequiresTheRuntimeTransitively() throws Exception {
        Path jar = Path.of(Class.forName("dev.wsf.test.TestServer").getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        ModuleDescriptor test = descriptor(ModuleFinder.of(jar), "dev.wsf.test");
        assertEquals(Set.of("dev.wsf.test"), exports(test));
        assertEquals(Set.of("dev.wsf.runtime"), transitive(test));
        assertTrue(test.requires().stream().anyMatch(r -> r.name().equals("dev.wsf.annotated")), test.toString());
    }

    @Test
    void anEndpointInANamedModuleRunsOnTheModulePath() throws Exception {
        Path classes = compile("opened", true);
        Run run = java("--module-path", modulePath(classes), "-m", "user.echo/user.echo.Main");
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("MODULE user.echo"), run.output);
        assertTrue(run.output.contains("REPLY echo:hello"), run.output);
        assertTrue(run.output.contains("EXTENSIONS [permessage-deflate"), "found through provides: " + run.output);
    }

    @Test
    void aPackageNotOpenFailsAtDeploymentNamingTheClassAndTheFix() throws Exception {
        Path classes = compile("closed", false);
        Run run = java("--module-path", modulePath(classes), "-m", "user.echo/user.echo.Main");
        assertEquals(3, run.exit, run.output);
        assertTrue(run.output.contains("DEPLOYMENT FAILED"), run.output);
        assertTrue(run.output.contains("user.echo.EchoEndpoint"), run.output);
        assertTrue(run.output.contains("opens user.echo to dev.wsf.annotated;"), run.output);
    }

    @Test
    void theSameApplicationRunsOnTheClassPath() throws Exception {
        Path classes = compile("opened", true);
        Run run = java("-cp", modulePath(classes), "user.echo.Main");
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("MODULE null"), run.output);
        assertTrue(run.output.contains("REPLY echo:hello"), run.output);
        assertTrue(run.output.contains("EXTENSIONS [permessage-deflate"), "found through META-INF/services: " + run.output);
    }

    @Test
    void anApplicationNamingBothBusesRunsOnTheModulePath() throws Exception {
        // The published modules' whole runtime closure, as this test's class path holds it: Lettuce
        // is an automatic module that names none of the Netty modules it needs.
        List<Path> closure = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).map(Path::of).toList();
        Path sources = Path.of("src/test/modules/user.cluster");
        Path out = WORK.resolve("cluster");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--module-path", join(closure), "-Xlint:all"));
        try (Stream<Path> all = Files.walk(sources)) {
            all.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)),
                "javac " + args);
        List<Path> modulePath = new ArrayList<>(closure);
        modulePath.add(0, out);
        int closed = closedPort();
        Run run = java("--module-path", join(modulePath), "-m", "user.cluster/user.cluster.Main",
                "redis://127.0.0.1:" + closed, "nats://127.0.0.1:" + closed);
        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("BUS dev.wsf.cluster.redis BusStats["), run.output);
        assertTrue(run.output.contains("BUS dev.wsf.cluster.nats BusStats["), run.output);
    }

    /** What {@link #JSON_MESSAGES} sends to path /json: a record, with an enum component. */
    private static final String ASK = "{\"text\":\"ab\",\"times\":2,\"mood\":\"LOUD\"}";
    /**
     * The exchanges user.json's Main makes, a path and a message each: the record on /json, a
     * record of a package open to no one (returned as an Object) on /receipt, then two messages a
     * client got wrong.
     */
    private static final String[] JSON_MESSAGES = {"/json", ASK, "/receipt", "hi",
        "/json", "{\"text\":\"ab\",\"times\":2,\"extra\":1}", "/json", "not json"};
    private static final Path JSON_SOURCES = Path.of("src/test/modules/user.json");

    @Test
    void scannedEndpointsExchangeRecordsOnTheModulePathWhenThePackageIsOpenToJackson() throws Exception {
        Path classes = compile(JSON_SOURCES, "json-jackson", Set.of("WSF-ONLY"));
        List<String> args = new ArrayList<>(List.of("--module-path", modulePath(classes), "-m", "user.json/user.json.Main"));
        args.addAll(List.of(JSON_MESSAGES));
        Run run = java(args.toArray(String[]::new));
        assertEquals(0, run.exit, run.output);
        assertEquals(List.of(
                "MODULE user.json",
                "FOUND [/json, /receipt]", // found by ClassGraph in the module on the module path
                "REPLY {\"text\":\"abab\",\"length\":4,\"mood\":\"LOUD\"}",
                "CLOSED 1011 []", // the peer learns nothing of the server's fault
                "CLOSED 1007 [unknown property \"extra\"]",
                "CLOSED 1007 [malformed JSON]"), marked(run, "MODULE ", "FOUND ", "REPLY ", "CLOSED "));
        // the log names the class, the module and the line to write
        assertTrue(run.output.contains("cannot write a user.json.receipt.Receipt as JSON"), run.output);
        assertTrue(run.output.contains("package user.json.receipt of module user.json is not open: write "
                + "\"opens user.json.receipt to tools.jackson.databind;\" in its module-info.java"), run.output);
    }

    @Test
    void theSameScanAndRecordsRunOnTheClassPath() throws Exception {
        Path classes = compile(JSON_SOURCES, "json-closed", Set.of("JACKSON", "WSF-ONLY"));
        List<String> args = new ArrayList<>(List.of("-cp", modulePath(classes), "user.json.Main"));
        args.addAll(List.of(JSON_MESSAGES));
        Run run = java(args.toArray(String[]::new));
        assertEquals(0, run.exit, run.output);
        assertEquals(List.of(
                "MODULE null",
                "FOUND [/json, /receipt]",
                "REPLY {\"text\":\"abab\",\"length\":4,\"mood\":\"LOUD\"}",
                "REPLY {\"received\":\"hi\"}", // every package is open on the class path
                "CLOSED 1007 [unknown property \"extra\"]",
                "CLOSED 1007 [malformed JSON]"), marked(run, "MODULE ", "FOUND ", "REPLY ", "CLOSED "));
    }

    @Test
    void recordsOfAPackageOpenOnlyToWsfFailDeploymentNamingTheRecordAndTheLine() throws Exception {
        Path classes = compile(JSON_SOURCES, "json-wsf-only", Set.of("JACKSON"));
        Run run = java("--module-path", modulePath(classes), "-m", "user.json/user.json.Main", "/json", ASK);
        assertEquals(3, run.exit, run.output);
        String line = "write \"opens user.json to dev.wsf.annotated, tools.jackson.databind;\" in its module-info.java";
        assertEquals(List.of(
                "MODULE user.json",
                "DEPLOYMENT FAILED 2 problems in annotated endpoint [user.json.JsonEndpoint]:",
                "  - @OnMessage user.json.JsonEndpoint#on(Ask): parameter 1 (Ask) is read from JSON, but Jackson "
                        + "cannot reach class user.json.Ask. Fix: Jackson reads and writes JSON through its own module "
                        + "tools.jackson.databind, to which package user.json of module user.json is not open: " + line
                        + " (one opens line per package).",
                "  - @OnMessage user.json.JsonEndpoint#on(Ask): returns JSON, but Jackson cannot reach class "
                        + "user.json.Reply. Fix: Jackson reads and writes JSON through its own module "
                        + "tools.jackson.databind, to which package user.json of module user.json is not open: " + line
                        + " (one opens line per package)."),
                marked(run, "MODULE ", "DEPLOYMENT FAILED ", "  - "));
    }

    @Test
    void scanningFindsTheEndpointsOfAModuleThatOpensNothingAndDeploymentNamesEachFix() throws Exception {
        Path classes = compile(JSON_SOURCES, "json-closed", Set.of("JACKSON", "WSF-ONLY"));
        Run run = java("--module-path", modulePath(classes), "-m", "user.json/user.json.Main");
        assertEquals(3, run.exit, run.output);
        assertTrue(run.output.contains("DEPLOYMENT FAILED 6 problems in annotated endpoints "
                + "[user.json.JsonEndpoint, user.json.ReceiptEndpoint]:"), run.output);
        assertTrue(run.output.contains("@Endpoint user.json.ReceiptEndpoint: the instance provider cannot build it"),
                run.output);
        assertTrue(run.output.contains("add \"opens user.json to dev.wsf.annotated;\""), run.output);
        assertTrue(run.output.contains("write \"opens user.json to dev.wsf.annotated, tools.jackson.databind;\""),
                run.output);
    }

    /** The lines of the run's output that start with one of {@code prefixes}, in order. */
    private static List<String> marked(Run run, String... prefixes) {
        return run.output.lines().filter(l -> Stream.of(prefixes).anyMatch(l::startsWith)).toList();
    }

    /** A loopback port nothing listens on (just released): a bus aimed at it retries. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Compiles the application into target/jpms/NAME, with or without its "opens" directive. */
    private static Path compile(String name, boolean opens) throws IOException {
        return compile(SOURCES, name, opens ? Set.of() : Set.of("OPENS"));
    }

    /**
     * Compiles the application in {@code sources} into target/jpms/NAME, without the lines ending
     * in one of the {@code dropped} markers ({@code // MARKER}).
     */
    private static synchronized Path compile(Path sources, String name, Set<String> dropped) throws IOException {
        Path src = WORK.resolve(name + "-src");
        Path out = WORK.resolve(name);
        if (Files.isRegularFile(out.resolve("module-info.class"))) {
            return out;
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(sources)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                Path copy = src.resolve(sources.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                String text = Files.readString(f);
                text = text.lines().filter(l -> dropped.stream().noneMatch(m -> l.endsWith("// " + m)))
                        .collect(Collectors.joining("\n"));
                Files.writeString(copy, text);
                files.add(copy.toString());
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--module-path", join(libraries), "-Xlint:all"));
        args.addAll(files);
        int status = javac.run(null, null, null, args.toArray(String[]::new));
        assertEquals(0, status, "javac " + args);
        return out;
    }

    private static String modulePath(Path application) {
        List<Path> all = new ArrayList<>(libraries);
        all.add(0, application);
        return join(all);
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private record Run(int exit, String output) {
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.addAll(List.of(args));
        Files.createDirectories(WORK);
        Path log = Files.createTempFile(WORK, "run", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Run(-1, "timed out: " + command + "\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), String.join(" ", command) + "\n" + Files.readString(log));
    }

    private static ModuleDescriptor descriptor(ModuleFinder finder, String name) {
        return finder.find(name).map(ModuleReference::descriptor)
                .orElseThrow(() -> new AssertionError("no module " + name + " in " + libraries));
    }

    private static Set<String> transitive(ModuleDescriptor d) {
        return d.requires().stream().filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    }

    private static Set<String> exports(ModuleDescriptor d) {
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }
}
