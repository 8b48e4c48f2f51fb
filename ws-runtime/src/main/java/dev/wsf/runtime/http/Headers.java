package dev.wsf.runtime.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP header fields in arrival order, looked up without regard to case. Small and flat: a
 * handshake carries a dozen fields, for which a scan beats hashing.
 */
public final class Headers {
    private String[] fields = new String[24]; // name, value, name, value...
    private int size;

    /**
     * Adds a field after the others; a name may occur several times.
     *
     * @param name the field name, as it is to be sent or was received
     * @param value the field value
     */
    public void add(String name, String value) {
        if (size * 2 == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[size * 2] = name;
        fields[size * 2 + 1] = value;
        size++;
    }

    /**
     * The first value of the field, or null.
     *
     * @param name the field name, in any case
     * @return the first value, or null if the field is absent
     */
    public String first(String name) {
        for (int i = 0; i < size; i++) {
            if (fields[i * 2].equalsIgnoreCase(name)) {
                return fields[i * 2 + 1];
            }
        }
        return null;
    }

    /**
     * Every value of the field, in order.
     *
     * @param name the field name, in any case
     * @return a new list, empty if the field is absent
     */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (fields[i * 2].equalsIgnoreCase(name)) {
                values.add(fields[i * 2 + 1]);
            }
        }
        return values;
    }

    /**
     * The elements of a comma-separated list field, over all its occurrences, trimmed, without
     * empties.
     *
     * @param name the field name, in any case
     * @return a new list, empty if the field is absent
     */
    public List<String> list(String name) {
        List<String> elements = new ArrayList<>();
        for (String value : all(name)) {
            for (String element : value.split(",")) {
                String trimmed = element.trim();
                if (!trimmed.isEmpty()) {
                    elements.add(trimmed);
                }
            }
        }
        return elements;
    }

    /**
     * Whether a comma-separated list field contains {@code token}, ignoring case.
     *
     * @param name the field name, in any case
     * @param token the element sought, such as {@code upgrade}
     * @return true if an element of the field equals {@code token}
     */
    public boolean hasToken(String name, String token) {
        for (String element : list(name)) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many fields there are.
     *
     * @return the count, a name that occurs twice counting twice
     */
    public int size() {
        return size;
    }

    /**
     * The name of a field by its position.
     *
     * @param i the field's index, from 0 to {@link #size()} - 1
     * @return the name, as added
     */
    public String name(int i) {
        return fields[i * 2];
    }

    /**
     * The value of a field by its position.
     *
     * @param i the field's index, from 0 to {@link #size()} - 1
     * @return the value, as added
     */
    public String value(int i) {
        return fields[i * 2 + 1];
    }

    /**
     * A read-only map view whose lookups ignore case.
     *
     * @return a new unmodifiable map from each name to its values in order; a copy, not updated by
     *         later {@link #add} calls
     */
    public Map<String, List<String>> toMap() {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < size; i++) {
            map.computeIfAbsent(fields[i * 2], k -> new ArrayList<>(1)).add(fields[i * 2 + 1]);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }
}
