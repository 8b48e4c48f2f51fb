package dev.wsf.annotated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** Each third-party library is used by one package, and nothing calls methods reflectively. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wsf.annotated");

    @Test
    void onlyTheScannerUsesClassGraph() {
        noClasses().that().resideOutsideOfPackage("dev.wsf.annotated.scan..")
                .should().dependOnClassesThat().resideInAPackage("io.github.classgraph..").check(MAIN);
    }

    @Test
    void onlyTheCodecPackageUsesJackson() {
        noClasses().that().resideOutsideOfPackage("dev.wsf.annotated.codec..")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
                .check(MAIN);
    }

    @Test
    void onlySpiAndInstancePackagesUseJakartaInject() {
        noClasses().that().resideOutsideOfPackages("dev.wsf.annotated.spi..", "dev.wsf.annotated.instance..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.inject..").check(MAIN);
    }

    @Test
    void noReflectiveMethodCalls() {
        noClasses().should().callMethod(java.lang.reflect.Method.class, "invoke", Object.class, Object[].class)
                .check(MAIN);
    }

    @Test
    void theRuntimeIsNotADependency() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.wsf.runtime..").check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("dev.wsf.annotated.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
