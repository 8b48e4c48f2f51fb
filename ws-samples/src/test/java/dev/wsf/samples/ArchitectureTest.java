package dev.wsf.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries, checked on the compiled classes of all modules (this module is the one
 * with everything on its classpath): ws-api depends on nothing, ws-runtime and ws-annotations
 * only on ws-api and never on each other, ws-micrometer on ws-api and Micrometer, the cluster
 * buses only on ws-api, wsf-cluster-core and their broker's client (wsf-cluster-core on ws-api
 * only), ws-test only on the exported packages of ws-api, ws-runtime and ws-annotations; inside
 * the runtime, sockets stay in the transport and the frame codec stays independent.
 */
class ArchitectureTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wsf");

    @Test
    void apiDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("dev.wsf.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.api..", "java..",
                        "javax.net.ssl..") // the JDK's TLS: a user's own SSLContext in TlsConfig
                .check(ALL);
    }

    @Test
    void runtimeDependsOnTheApiOnly() {
        classes().that().resideInAPackage("dev.wsf.runtime..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.runtime..", "dev.wsf.api..", "java..",
                        // Platform packages despite the "javax" name: the JDK's TLS and crypto, for wss://.
                        "javax.net.ssl..", "javax.crypto..", "javax.security.auth.x500..",
                        "jdk.jfr..") // the JDK's flight recorder, for wsf's JFR events
                .check(ALL);
    }

    @Test
    void annotationsDependOnTheApiAndTheirLibrariesOnly() {
        classes().that().resideInAPackage("dev.wsf.annotated..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.annotated..", "dev.wsf.api..", "java..",
                        "io.github.classgraph..", "tools.jackson..", "com.fasterxml.jackson..", "jakarta.inject..")
                .check(ALL);
    }

    @Test
    void micrometerBindingDependsOnTheApiAndMicrometerOnly() {
        classes().that().resideInAPackage("dev.wsf.micrometer..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.micrometer..", "dev.wsf.api..", "java..",
                        "io.micrometer.core..")
                .check(ALL);
    }

    @Test
    void clusterBusesDependOnTheApiTheClusterCoreAndTheirBrokersClientOnly() {
        classes().that().resideInAPackage("dev.wsf.cluster")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.cluster", "dev.wsf.api..", "java..")
                .check(ALL);
        classes().that().resideInAPackage("dev.wsf.cluster.redis..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.cluster.redis..", "dev.wsf.cluster",
                        "dev.wsf.api..", "java..", "io.lettuce..", "io.netty..") // Lettuce's scheduler is Netty's
                .check(ALL);
        classes().that().resideInAPackage("dev.wsf.cluster.nats..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.cluster.nats..", "dev.wsf.cluster",
                        "dev.wsf.api..", "java..", "io.nats..")
                .check(ALL);
    }

    @Test
    void theTestKitUsesOnlyThePublishedApi() {
        // "dev.wsf.runtime" and "dev.wsf.annotated" without "..": the exported packages, not the internals.
        classes().that().resideInAPackage("dev.wsf.test..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.wsf.test..", "dev.wsf.api..",
                        "dev.wsf.runtime", "dev.wsf.annotated", "java..")
                .check(ALL);
    }

    @Test
    void runtimeAndAnnotationsNeverMeetExceptThroughTheApi() {
        noClasses().that().resideInAPackage("dev.wsf.runtime..")
                .should().dependOnClassesThat().resideInAPackage("dev.wsf.annotated..").check(ALL);
        noClasses().that().resideInAPackage("dev.wsf.annotated..")
                .should().dependOnClassesThat().resideInAPackage("dev.wsf.runtime..").check(ALL);
    }

    @Test
    void nothingDependsOnTheSamples() {
        noClasses().that().resideOutsideOfPackage("dev.wsf.samples..")
                .should().dependOnClassesThat().resideInAPackage("dev.wsf.samples..").check(ALL);
    }

    @Test
    void onlyTheTransportTouchesSocketChannels() {
        noClasses().that().resideOutsideOfPackage("dev.wsf.runtime.transport..")
                .and().resideInAPackage("dev.wsf.runtime..")
                .should().dependOnClassesThat().resideInAPackage("java.nio.channels..").check(ALL);
    }

    @Test
    void theFrameCodecStandsAlone() {
        noClasses().that().resideInAPackage("dev.wsf.runtime.frame..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wsf.runtime.session..", "dev.wsf.runtime.server..",
                        "dev.wsf.runtime.client..", "dev.wsf.runtime.transport..", "dev.wsf.runtime.extension..",
                        "dev.wsf.runtime.http..", "dev.wsf.runtime.io..")
                .check(ALL);
    }

    @Test
    void onlyTheServerAndClientFacadesStartTheTransport() {
        noClasses().that().resideInAPackage("dev.wsf.runtime..")
                .and().resideOutsideOfPackage("dev.wsf.runtime.transport..")
                .and().doNotHaveFullyQualifiedName("dev.wsf.runtime.WebSocketServer")
                .and().doNotHaveFullyQualifiedName("dev.wsf.runtime.WebSocketClient")
                .should().dependOnClassesThat().resideInAPackage("dev.wsf.runtime.transport..").check(ALL);
    }

    @Test
    void noPackageCycles() {
        SlicesRuleDefinition.slices().matching("dev.wsf.(**)").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void noReflectiveMethodCalls() {
        noClasses().should().callMethod(java.lang.reflect.Method.class, "invoke", Object.class, Object[].class)
                .check(ALL);
    }
}
