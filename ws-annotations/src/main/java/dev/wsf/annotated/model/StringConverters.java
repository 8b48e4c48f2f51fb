package dev.wsf.annotated.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts path and query parameter text into the declared parameter types. Which types are
 * supported is decided here once, at deploy time; conversion happens once per session.
 */
public final class StringConverters {

    /** Converters of the fixed types; enums are handled separately. */
    private static final Map<Class<?>, Function<String, Object>> BY_TYPE = Map.ofEntries(
            Map.entry(String.class, s -> s),
            Map.entry(int.class, Integer::valueOf), Map.entry(Integer.class, Integer::valueOf),
            Map.entry(long.class, Long::valueOf), Map.entry(Long.class, Long::valueOf),
            Map.entry(short.class, Short::valueOf), Map.entry(Short.class, Short::valueOf),
            Map.entry(byte.class, Byte::valueOf), Map.entry(Byte.class, Byte::valueOf),
            Map.entry(double.class, Double::valueOf), Map.entry(Double.class, Double::valueOf),
            Map.entry(float.class, Float::valueOf), Map.entry(Float.class, Float::valueOf),
            Map.entry(boolean.class, StringConverters::strictBoolean),
            Map.entry(Boolean.class, StringConverters::strictBoolean),
            Map.entry(char.class, StringConverters::singleChar),
            Map.entry(Character.class, StringConverters::singleChar),
            Map.entry(UUID.class, UUID::fromString));

    private StringConverters() {
    }

    /** The names of the supported types, for error messages. */
    public static final String SUPPORTED =
            "String, int, long, short, byte, double, float, boolean, char (or their wrappers), UUID or an enum";

    /**
     * A converter to {@code type}, or empty if the type is not supported.
     *
     * @param type the parameter's type: one of {@link #SUPPORTED}
     * @return a thread-safe converter, or empty for another type
     */
    public static Optional<Function<String, Object>> forType(Class<?> type) {
        if (type.isEnum()) {
            return Optional.of(s -> enumConstant(type, s));
        }
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    private static Object strictBoolean(String s) {
        // Boolean.valueOf maps every typo to false; a parameter that says "yes" is a client error.
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not true or false: " + s);
    }

    private static Object singleChar(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("not a single character: " + s);
        }
        return s.charAt(0);
    }

    private static Object enumConstant(Class<?> type, String s) {
        Object[] constants = type.getEnumConstants();
        for (Object c : constants) {
            if (((Enum<?>) c).name().equals(s)) {
                return c;
            }
        }
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no constant " + s.toUpperCase(Locale.ROOT) + " in " + type.getSimpleName());
    }
}
