package dev.wsf.runtime.extension.deflate;

import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The four RFC 7692 section 7.1 parameters of one offer or response, syntactically valid.
 *
 * @param serverMaxWindowBits 8 to 15, or {@link #ABSENT}
 * @param clientMaxWindowBits 8 to 15, {@link #ABSENT}, or (offers only) {@link #NO_VALUE}
 */
record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                         int serverMaxWindowBits, int clientMaxWindowBits) {

    static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** The parameter is not there. */
    static final int ABSENT = 0;
    /** {@code client_max_window_bits} without a value, which only an offer may contain. */
    static final int NO_VALUE = -1;

    /**
     * Reads the parameters of an offer ({@code response == false}) or a response, rejecting what
     * RFC 7692 section 7 says must make a server decline or a client fail: an unknown or repeated
     * parameter, a value on a no-value parameter, a window size that is missing, out of range or
     * not a plain decimal, and {@code client_max_window_bits} without a value in a response.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    static DeflateParameters parse(ExtensionConfig config, boolean response) {
        if (!NAME.equals(config.name())) {
            throw new IllegalArgumentException("not a " + NAME + " extension: " + config.name());
        }
        boolean serverNoContextTakeover = false;
        boolean clientNoContextTakeover = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        List<String> seen = new ArrayList<>(4);
        for (ExtensionParameter p : config.parameters()) {
            String name = p.name();
            if (seen.contains(name)) {
                throw new IllegalArgumentException("duplicate parameter " + name);
            }
            seen.add(name);
            Optional<String> value = p.value();
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(name, value);
                    serverNoContextTakeover = true;
                }
                case CLIENT_NO_CONTEXT_TAKEOVER -> {
                    requireNoValue(name, value);
                    clientNoContextTakeover = true;
                }
                case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(name, value);
                case CLIENT_MAX_WINDOW_BITS ->
                        clientBits = value.isEmpty() && !response ? NO_VALUE : windowBits(name, value);
                default -> throw new IllegalArgumentException("unknown parameter " + name);
            }
        }
        return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits);
    }

    /** These parameters as a header element, in the order of RFC 7692 section 7.1. */
    ExtensionConfig toConfig() {
        List<ExtensionParameter> params = new ArrayList<>(4);
        if (serverNoContextTakeover) {
            params.add(ExtensionParameter.of(SERVER_NO_CONTEXT_TAKEOVER));
        }
        if (clientNoContextTakeover) {
            params.add(ExtensionParameter.of(CLIENT_NO_CONTEXT_TAKEOVER));
        }
        if (serverMaxWindowBits != ABSENT) {
            params.add(ExtensionParameter.of(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits == NO_VALUE) {
            params.add(ExtensionParameter.of(CLIENT_MAX_WINDOW_BITS));
        } else if (clientMaxWindowBits != ABSENT) {
            params.add(ExtensionParameter.of(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits)));
        }
        return new ExtensionConfig(NAME, params);
    }

    private static void requireNoValue(String name, Optional<String> value) {
        if (value.isPresent()) {
            throw new IllegalArgumentException(name + " takes no value: " + value.get());
        }
    }

    /** "A decimal integer value without leading zeroes between 8 to 15, inclusive" (7.1.2). */
    private static int windowBits(String name, Optional<String> value) {
        String v = value.orElseThrow(() -> new IllegalArgumentException(name + " needs a value"));
        boolean plainDecimal = (v.length() == 1 && v.charAt(0) >= '8' && v.charAt(0) <= '9')
                || (v.length() == 2 && v.charAt(0) == '1' && v.charAt(1) >= '0' && v.charAt(1) <= '5');
        if (!plainDecimal) {
            throw new IllegalArgumentException(name + " must be 8 to 15 without leading zeroes: " + v);
        }
        return Integer.parseInt(v);
    }
}
