package dev.wsf.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code ```java} block of the READMEs users read first (the root one, and those of published
 * modules whose examples are complete files) compiles, as it stands, against the published modules
 * (this module's class path is theirs, JUnit's test API included): each is a complete source file,
 * copied and pasted by users. A block that is only an outline says so in an HTML comment on the
 * line before it ({@code <!-- outline, not compiled -->}); a README's first block must not be one.
 */
class ReadmeSnippetsTest {
    static final String OUTLINE = "<!-- outline, not compiled -->";
    private static final Pattern BLOCK = Pattern.compile("(?m)^([^\\n]*)\\n```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^public (?:final )?class (\\w+)");

    /** A README, relative to the repository's root, and how many blocks it must at least have. */
    @ParameterizedTest
    @CsvSource({"README.md, 3", "ws-test/README.md, 1"})
    void everyJavaBlockCompiles(String file, int atLeast) throws IOException {
        String readme = Files.readString(Poms.ROOT.resolve(file));
        Matcher m = BLOCK.matcher(readme);
        Path work = Path.of("target/readme-snippets").resolve(file.replace('/', '-'));
        List<String> compiled = new ArrayList<>();
        int index = 0;
        while (m.find()) {
            index++;
            String code = m.group(2);
            if (m.group(1).trim().equals(OUTLINE)) {
                assertTrue(index > 1, file + ": the first Java block is the one users copy first: it must compile");
                continue;
            }
            Matcher c = CLASS.matcher(code);
            assertTrue(c.find(), file + " Java block " + index + " is not a complete source file with a public class "
                    + "(or mark it " + OUTLINE + "):\n" + code);
            Path dir = work.resolve("block" + index);
            Files.createDirectories(dir);
            Path source = dir.resolve(c.group(1) + ".java");
            Files.writeString(source, code);
            StringWriter diagnostics = new StringWriter();
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.getTask(diagnostics, null, null,
                    List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path"), "-Xlint:all",
                            "-Werror", "-proc:none"),
                    null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call()
                    ? 0 : 1;
            assertEquals(0, status, file + " Java block " + index + " (" + c.group(1) + ") does not compile:\n"
                    + diagnostics + "\n" + code);
            compiled.add(c.group(1));
        }
        assertTrue(compiled.size() >= atLeast, "found only " + compiled + " in " + file);
    }
}
