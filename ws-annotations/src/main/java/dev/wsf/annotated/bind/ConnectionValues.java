package dev.wsf.annotated.bind;

import dev.wsf.annotated.model.CallbackModel;
import dev.wsf.annotated.model.ParameterKind;
import dev.wsf.annotated.model.ParameterModel;
import dev.wsf.annotated.model.StringConverters;
import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.endpoint.HandshakeInterceptor;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values that stay the same for a whole session (the handshake request, converted path and
 * query parameters): where each lives in the per-session {@code Object[]}, and how to compute them
 * once when the session opens, so that no message pays for a lookup or a conversion.
 */
final class ConnectionValues {

    /** One distinct value; callbacks asking for the same variable as the same type share it. */
    private record Slot(ParameterKind kind, String name, Type type, Class<?> rawType,
                        Function<String, Object> converter) {

        static Slot of(ParameterModel p) {
            Function<String, Object> converter = StringConverters.forType(p.type()).orElse(null);
            return new Slot(p.kind(), p.name(), p.genericType(), p.type(), converter);
        }

        boolean sameAs(ParameterModel p) {
            return kind == p.kind() && java.util.Objects.equals(name, p.name()) && type.equals(p.genericType());
        }
    }

    private final List<Slot> slots;

    private ConnectionValues(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    /** The layout for every per-connection parameter of these callbacks. */
    static ConnectionValues of(List<CallbackModel> callbacks) {
        List<Slot> slots = new ArrayList<>();
        for (CallbackModel c : callbacks) {
            for (ParameterModel p : c.parameters()) {
                if (p.kind().perConnection() && slots.stream().noneMatch(s -> s.sameAs(p))) {
                    slots.add(Slot.of(p));
                }
            }
        }
        return new ConnectionValues(slots);
    }

    /** Where {@code parameter}'s value is in the array {@link #resolve} returns. */
    int indexOf(ParameterModel parameter) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).sameAs(parameter)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no slot for " + parameter);
    }

    /**
     * Computes the values for a session.
     *
     * @throws HandshakeRejectedException 404 for a path parameter and 400 for a query parameter
     *                                    that does not convert to its declared type
     */
    Object[] resolve(HandshakeRequest request) {
        Object[] values = new Object[slots.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(slots.get(i), request);
        }
        return values;
    }

    /**
     * Rejects, before the 101 answer, an upgrade whose parameters {@link #resolve} would refuse,
     * or returns empty when none can be refused (only strings and lists are asked for).
     */
    Optional<HandshakeInterceptor> validator() {
        boolean canFail = slots.stream().anyMatch(s -> s.converter() != null && s.rawType() != String.class);
        return canFail ? Optional.of((request, headers) -> resolve(request)) : Optional.empty();
    }

    private static Object value(Slot slot, HandshakeRequest request) {
        return switch (slot.kind()) {
            case HANDSHAKE_REQUEST -> request;
            case PRINCIPAL -> request.principal().orElse(null);
            case PATH_PARAM -> pathValue(slot, request);
            case QUERY_PARAM -> queryValue(slot, request);
            default -> throw new IllegalStateException("not a per-connection value: " + slot);
        };
    }

    private static Object pathValue(Slot slot, HandshakeRequest request) {
        String text = request.pathParameters().get(slot.name());
        if (text == null) {
            throw new HandshakeRejectedException(404, "no path parameter " + slot.name());
        }
        try {
            return slot.converter().apply(text);
        } catch (IllegalArgumentException e) {
            throw new HandshakeRejectedException(404, "path parameter " + slot.name() + " is not a valid "
                    + slot.rawType().getSimpleName() + ": " + text);
        }
    }

    private static Object queryValue(Slot slot, HandshakeRequest request) {
        List<String> all = request.queryParameters().getOrDefault(slot.name(), List.of());
        if (slot.rawType() == List.class) {
            return List.copyOf(all);
        }
        if (slot.rawType() == Optional.class) {
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
        }
        if (all.isEmpty()) {
            if (slot.rawType().isPrimitive()) {
                throw new HandshakeRejectedException(400, "missing query parameter " + slot.name());
            }
            return null;
        }
        try {
            return slot.converter().apply(all.get(0));
        } catch (IllegalArgumentException e) {
            throw new HandshakeRejectedException(400, "query parameter " + slot.name() + " is not a valid "
                    + slot.rawType().getSimpleName() + ": " + all.get(0));
        }
    }

    @Override
    public String toString() {
        return "ConnectionValues" + slots.stream().map(s -> s.kind() + (s.name() == null ? "" : " " + s.name())).toList();
    }
}
