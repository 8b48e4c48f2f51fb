package dev.wsf.runtime.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes {@code a=1&b=x%20y&a=2} into ordered, repeatable parameters. */
public final class QueryString {
    private QueryString() {
    }

    /**
     * Splits on {@code &} and decodes each name and value as a form would ({@code +} is a space); a
     * malformed escape is kept as sent, and empty pairs are skipped.
     *
     * @param rawQuery the query as sent, without the {@code ?}; null or empty for none
     * @return an unmodifiable map from each name to its values, both in the order they came; a name
     *         without {@code =} has the value ""
     */
    public static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: keep the text as sent
        }
    }
}
