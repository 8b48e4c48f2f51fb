package dev.wsf.annotated.model;

import java.lang.reflect.Type;

/**
 * One classified parameter of a callback method.
 *
 * @param index       the position in the method's parameter list, from 0
 * @param kind        what the parameter receives
 * @param type        the declared (erased) type
 * @param genericType the declared generic type, for {@code List<String>} and JSON targets
 * @param name        the path or query variable for {@link ParameterKind#PATH_PARAM} and
 *                    {@link ParameterKind#QUERY_PARAM}, otherwise null
 */
public record ParameterModel(int index, ParameterKind kind, Class<?> type, Type genericType, String name) {
}
