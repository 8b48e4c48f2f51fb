package dev.wsf.annotated.codec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The module rules of {@link JsonAccess}, on classes of java.base: these tests run on the class
 * path, where the application's own classes are always reachable (ws-release-check's
 * ModulePathTest checks a user's module on the module path).
 */
class JsonAccessTest {
    /** A record on the class path. */
    record Holder(String name, List<Integer> counts) {
    }

    @Test
    void classesOfTheUnnamedModuleAndOfExportedPackagesAreReachable() {
        assertEquals(Optional.empty(), JsonAccess.unreachable(Holder.class));
        assertEquals(Optional.empty(), JsonAccess.unreachable(String[].class));
        assertEquals(Optional.empty(), JsonAccess.unreachable(int.class));
    }

    @Test
    void aClassOfAPackageItsModuleNeitherExportsNorOpensIsNot() throws Exception {
        Class<?> internal = Class.forName("sun.nio.ch.Net"); // java.base keeps sun.nio.ch to itself
        assertEquals(Optional.of(internal), JsonAccess.unreachable(internal));
        assertEquals(Optional.of(internal), JsonAccess.unreachable(Class.forName("[[Lsun.nio.ch.Net;")));
    }

    @Test
    void anEnumNeedsNoAccess() throws Exception {
        Class<?> internalEnum = Class.forName("sun.security.util.KnownOIDs");
        assertTrue(internalEnum.isEnum());
        assertEquals(Optional.empty(), JsonAccess.unreachable(internalEnum));
    }

    @Test
    void theFixNamesTheModuleThePackageAndTheLine() throws Exception {
        Class<?> internal = Class.forName("sun.nio.ch.Net");
        assertEquals("Jackson reads and writes JSON through its own module tools.jackson.databind, to which package "
                + "sun.nio.ch of module java.base is not open: write \"opens sun.nio.ch to tools.jackson.databind;\" "
                + "in its module-info.java (one opens line per package)", JsonAccess.fix(internal, null));
    }

    @Test
    void anAccessFailureIsFoundAmongTheCauses() {
        assertTrue(JsonAccess.isAccessFailure(new RuntimeException(new IllegalAccessException("no"))));
        assertTrue(JsonAccess.isAccessFailure(new java.lang.reflect.InaccessibleObjectException("no")));
        assertFalse(JsonAccess.isAccessFailure(new RuntimeException(new IllegalArgumentException("no"))));
    }
}
