package dev.wsf.api.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void matchesLiteralPaths() {
        PathTemplate t = PathTemplate.parse("/echo");
        assertTrue(t.isLiteral());
        assertEquals(Map.of(), t.match("/echo").orElseThrow());
        assertTrue(t.match("/echo/").isEmpty());
        assertTrue(t.match("/ech").isEmpty());
    }

    @Test
    void bindsDecodedVariables() {
        PathTemplate t = PathTemplate.parse("/chat/{room}/users/{user}");
        assertEquals(List.of("room", "user"), t.variables());
        assertEquals(Map.of("room", "big lobby", "user", "a+b"), t.match("/chat/big%20lobby/users/a+b").orElseThrow());
        assertTrue(t.match("/chat//users/x").isEmpty(), "a variable needs a non-empty segment");
        assertTrue(t.match("/chat/a/users").isEmpty());
    }

    @Test
    void rootPath() {
        assertTrue(PathTemplate.parse("/").match("/").isPresent());
        assertFalse(PathTemplate.parse("/").match("/a").isPresent());
    }

    @Test
    void literalSegmentsWinOverVariables() {
        List<PathTemplate> templates = new ArrayList<>(List.of(
                PathTemplate.parse("/a/{x}/{y}"), PathTemplate.parse("/a/{x}/c"),
                PathTemplate.parse("/{z}/b/c"), PathTemplate.parse("/a/b/c")));
        templates.sort(PathTemplate.MOST_SPECIFIC_FIRST);
        assertEquals(List.of("/a/b/c", "/a/{x}/c", "/a/{x}/{y}", "/{z}/b/c"),
                templates.stream().map(PathTemplate::template).toList());
    }

    @Test
    void detectsConflicts() {
        assertTrue(PathTemplate.parse("/a/{x}").conflictsWith(PathTemplate.parse("/a/{y}")));
        assertFalse(PathTemplate.parse("/a/{x}").conflictsWith(PathTemplate.parse("/a/b")));
        assertFalse(PathTemplate.parse("/a/{x}").conflictsWith(PathTemplate.parse("/b/{x}")));
    }

    @Test
    void rejectsMalformedTemplates() {
        assertThrows(DeploymentException.class, () -> PathTemplate.parse("chat"));
        assertThrows(DeploymentException.class, () -> PathTemplate.parse("/chat/x{room}"));
        assertThrows(DeploymentException.class, () -> PathTemplate.parse("/a/{x}/{x}"));
        DeploymentException e = assertThrows(DeploymentException.class, () -> PathTemplate.parse("/a/{b}c"));
        assertTrue(e.getMessage().contains("whole segment"), e.getMessage());
    }
}
