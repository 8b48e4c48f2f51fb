package dev.wsf.annotated.model;

import dev.wsf.api.codec.BinaryDecoder;
import dev.wsf.api.codec.BinaryEncoder;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.codec.TextEncoder;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the encoder and decoder classes listed on an {@code @Endpoint}: which type each handles. */
final class CodecModelReader {

    private CodecModelReader() {
    }

    static List<CodecModel> encoders(Class<?> endpoint, Class<?>[] classes, Problems problems) {
        return read(endpoint, classes, TextEncoder.class, BinaryEncoder.class, "encoders", problems);
    }

    static List<CodecModel> decoders(Class<?> endpoint, Class<?>[] classes, Problems problems) {
        return read(endpoint, classes, TextDecoder.class, BinaryDecoder.class, "decoders", problems);
    }

    private static List<CodecModel> read(Class<?> endpoint, Class<?>[] classes, Class<?> textInterface,
                                         Class<?> binaryInterface, String attribute, Problems problems) {
        List<CodecModel> models = new ArrayList<>();
        Map<String, Class<?>> seen = new HashMap<>();
        for (Class<?> codec : classes) {
            if (codec.isInterface() || Modifier.isAbstract(codec.getModifiers())) {
                problems.onClass(endpoint, attribute + " lists " + codec.getName()
                        + ", which is abstract and cannot be instantiated", "list a concrete class");
                continue;
            }
            boolean text = textInterface.isAssignableFrom(codec);
            boolean binary = binaryInterface.isAssignableFrom(codec);
            if (text && binary) {
                problems.onClass(endpoint, attribute + " lists " + codec.getName() + ", which implements both "
                        + textInterface.getSimpleName() + " and " + binaryInterface.getSimpleName(),
                        "split it into two classes, one per message type");
                continue;
            }
            Class<?> iface = text ? textInterface : binaryInterface;
            Class<?> target = targetType(codec, iface);
            if (target == null) {
                problems.onClass(endpoint, "cannot tell which type " + codec.getName() + " handles: its "
                        + iface.getSimpleName() + " type argument is not a concrete class",
                        "declare it with a concrete type, e.g. implements " + iface.getSimpleName() + "<MyType>");
                continue;
            }
            MessageType type = text ? MessageType.TEXT : MessageType.BINARY;
            Class<?> previous = seen.putIfAbsent(type + " " + target.getName(), codec);
            if (previous != null) {
                problems.onClass(endpoint, attribute + " lists two " + type.label() + " codecs for "
                        + target.getName() + ": " + previous.getName() + " and " + codec.getName(),
                        "keep one of them");
                continue;
            }
            models.add(new CodecModel(codec, target, type));
        }
        return models;
    }

    /** The {@code T} that {@code type} binds for {@code iface<T>}, or null if it is not a class. */
    static Class<?> targetType(Class<?> type, Class<?> iface) {
        for (Type t : type.getGenericInterfaces()) {
            Class<?> found = fromSupertype(t, iface);
            if (found != null) {
                return found;
            }
        }
        Type superclass = type.getGenericSuperclass();
        return superclass == null ? null : fromSupertype(superclass, iface);
    }

    private static Class<?> fromSupertype(Type supertype, Class<?> iface) {
        if (supertype instanceof ParameterizedType p && p.getRawType() == iface) {
            Type argument = p.getActualTypeArguments()[0];
            if (argument instanceof Class<?> c) {
                return c;
            }
            return argument instanceof ParameterizedType pa ? (Class<?>) pa.getRawType() : null;
        }
        Class<?> raw = supertype instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : supertype instanceof Class<?> c ? c : null;
        return raw == null || !iface.isAssignableFrom(raw) ? null : targetType(raw, iface);
    }
}
