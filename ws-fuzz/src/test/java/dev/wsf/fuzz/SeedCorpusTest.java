package dev.wsf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the committed seed files equal to what {@link SeedCorpus} builds, so each seed is what its
 * name says. After changing a seed or an input layout, rewrite them with
 * {@code mvn -pl ws-fuzz -am test -Dtest=SeedCorpusTest -Dwsf.fuzz.writeSeeds=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Other files in the input directories (crash-* findings kept as regression inputs) are left alone.
 */
class SeedCorpusTest {
    private static final boolean WRITE = Boolean.getBoolean("wsf.fuzz.writeSeeds");

    static Stream<Arguments> seeds() {
        return Arrays.stream(SeedCorpus.all()).flatMap(t -> t.seeds().entrySet().stream()
                .map(e -> Arguments.of(t.directory().resolve(e.getKey()), e.getValue())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void committedSeedIsWhatTheCorpusBuilds(Path file, byte[] expected) throws IOException {
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.write(file, expected);
        }
        assertTrue(Files.isRegularFile(file), file + " is missing; see this class's Javadoc");
        assertArrayEquals(expected, Files.readAllBytes(file), file + " differs from what SeedCorpus builds");
    }
}
