package dev.wsf.runtime.extension.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.extension.ExtensionFactory;
import java.util.ServiceLoader;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeflateSettingsTest {

    @Test
    void defaults() {
        DeflateSettings d = DeflateSettings.defaults();
        assertEquals(Deflater.DEFAULT_COMPRESSION, d.compressionLevel());
        assertEquals(DeflateSettings.DEFAULT_COMPRESSION_THRESHOLD, d.compressionThreshold());
        assertFalse(d.serverNoContextTakeover());
        assertFalse(d.clientNoContextTakeover());
        assertEquals(15, d.serverMaxWindowBits());
        assertEquals(15, d.clientMaxWindowBits());
        assertTrue(d.offerClientMaxWindowBits());
        assertEquals(DeflateSettings.DEFAULT_MAX_CONTEXT_TAKEOVER_SESSIONS, d.maxContextTakeoverSessions());
        assertEquals(d, new PerMessageDeflateFactory().settings());
    }

    @Test
    void leanIsTheDefaultsWithoutContextTakeoverEitherWay() {
        DeflateSettings lean = DeflateSettings.lean();
        assertTrue(lean.serverNoContextTakeover());
        assertTrue(lean.clientNoContextTakeover());
        assertEquals(DeflateSettings.defaults().toBuilder().serverNoContextTakeover(true)
                .clientNoContextTakeover(true).build().toString(), lean.toString());
    }

    @Test
    void rejectsANegativeCap() {
        assertThrows(IllegalArgumentException.class, () -> DeflateSettings.builder().maxContextTakeoverSessions(-1));
        assertEquals(0, DeflateSettings.builder().maxContextTakeoverSessions(0).build().maxContextTakeoverSessions());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        DeflateSettings s = DeflateSettings.builder().compressionLevel(3).compressionThreshold(10)
                .serverNoContextTakeover(true).clientNoContextTakeover(true).serverMaxWindowBits(9)
                .clientMaxWindowBits(10).offerClientMaxWindowBits(false).maxContextTakeoverSessions(7).build();
        assertEquals(s.toString(), s.toBuilder().build().toString());
        assertEquals("DeflateSettings[level=3, threshold=10, serverNoContextTakeover=true,"
                + " clientNoContextTakeover=true, serverMaxWindowBits=9, clientMaxWindowBits=10,"
                + " offerClientMaxWindowBits=false, maxContextTakeoverSessions=7]", s.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 10})
    void rejectsUnknownLevels(int level) {
        assertThrows(IllegalArgumentException.class, () -> DeflateSettings.builder().compressionLevel(level));
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 16, 0, -1})
    void rejectsWindowsOutsideEightToFifteen(int bits) {
        assertThrows(IllegalArgumentException.class, () -> DeflateSettings.builder().serverMaxWindowBits(bits));
        assertThrows(IllegalArgumentException.class, () -> DeflateSettings.builder().clientMaxWindowBits(bits));
    }

    @Test
    void rejectsANegativeThreshold() {
        assertThrows(IllegalArgumentException.class, () -> DeflateSettings.builder().compressionThreshold(-1));
    }

    @Test
    void theFactoryIsFoundByServiceLoader() {
        ExtensionFactory found = ServiceLoader.load(ExtensionFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("permessage-deflate"))
                .findFirst().orElseThrow();
        assertEquals(PerMessageDeflateFactory.class, found.getClass());
    }
}
