package dev.wsf.api.extension;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one {@code Sec-WebSocket-Extensions} value (RFC 6455 section 9.1, with the list and
 * quoted-string rules of RFC 9110):
 * <pre>
 *   extension-list = 1#( token *( OWS ";" OWS token [ BWS "=" BWS ( token / quoted-string ) ] ) )
 * </pre>
 * A quoted value must still be a token once unquoted. Empty list elements are skipped.
 */
final class ExtensionHeaderParser {
    private final String s;
    private int pos;

    ExtensionHeaderParser(String s) {
        this.s = s;
    }

    List<ExtensionConfig> parse() {
        List<ExtensionConfig> result = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                return result;
            }
            if (peek() == ',') {
                pos++;
                continue;
            }
            result.add(extension());
            skipWhitespace();
            if (!atEnd()) {
                expect(',');
            }
        }
    }

    private ExtensionConfig extension() {
        String name = token("extension name");
        List<ExtensionParameter> params = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (atEnd() || peek() == ',') {
                return new ExtensionConfig(name, params);
            }
            expect(';');
            skipWhitespace();
            String paramName = token("parameter name");
            skipWhitespace();
            if (!atEnd() && peek() == '=') {
                pos++;
                skipWhitespace();
                String value = !atEnd() && peek() == '"' ? quotedString() : token("parameter value");
                params.add(ExtensionParameter.of(paramName, value));
            } else {
                params.add(ExtensionParameter.of(paramName));
            }
        }
    }

    private String token(String what) {
        int start = pos;
        while (!atEnd() && HeaderTokens.isTokenChar(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("expected " + what);
        }
        return s.substring(start, pos);
    }

    private String quotedString() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (!atEnd()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                if (!HeaderTokens.isToken(sb.toString())) {
                    throw error("quoted value is not a token once unquoted");
                }
                return sb.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = s.charAt(pos++);
            }
            sb.append(c);
        }
        throw error("unterminated quoted string");
    }

    private void expect(char c) {
        if (atEnd() || peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private char peek() {
        return s.charAt(pos);
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(
                "invalid Sec-WebSocket-Extensions value, " + problem + " at index " + pos + ": " + s);
    }
}
