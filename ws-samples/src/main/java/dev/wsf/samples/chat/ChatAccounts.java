package dev.wsf.samples.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may chat: either anyone who knows one shared token, under a name of their choice
 * ({@code -Dtoken=T}), or the users of a small list, each with a token of its own
 * ({@code -Dchat.users=ann:T1,bob:T2}). Kept in memory; a real application would ask its identity
 * provider instead, which {@link ChatLogin}'s asynchronous contract allows.
 *
 * <p>A token travels as part of a subprotocol ({@code token.T}), and a subprotocol is an HTTP
 * token: browsers refuse any other character, so a token here has only those (letters, digits
 * and {@code !#$%&'*+-.^_`|~}).
 */
public final class ChatAccounts {
    private static final Pattern HTTP_TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    /** The shared token, or null for a list. */
    private final byte[] shared;
    /** name -> token; empty with a shared token. */
    private final Map<String, byte[]> users;
    private final String description;

    private ChatAccounts(byte[] shared, Map<String, byte[]> users, String description) {
        this.shared = shared;
        this.users = users;
        this.description = description;
    }

    /** Anyone holding {@code token}, under any name. */
    public static ChatAccounts sharedToken(String token) {
        return new ChatAccounts(bytes(checked(token)), Map.of(), "any name, with the token " + token);
    }

    /** The users of {@code tokens} (name to token), each with its own token only. */
    public static ChatAccounts users(Map<String, String> tokens) {
        Map<String, byte[]> users = new LinkedHashMap<>();
        tokens.forEach((name, token) -> users.put(Objects.requireNonNull(name, "name"), bytes(checked(token))));
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a user list needs at least one user");
        }
        return new ChatAccounts(null, Map.copyOf(users), "the users " + String.join(", ", tokens.keySet())
                + ", each with its own token");
    }

    /**
     * From the command line: {@code -Dchat.users=ann:T1,bob:T2} (a list), else {@code -Dtoken=T}
     * (shared), else a shared token made up now, which the sample prints at start.
     */
    public static ChatAccounts fromSystemProperties() {
        String list = System.getProperty("chat.users");
        if (list != null) {
            Map<String, String> tokens = new LinkedHashMap<>();
            for (String entry : list.split(",")) {
                int colon = entry.indexOf(':');
                if (colon <= 0 || colon == entry.length() - 1) {
                    throw new IllegalArgumentException(
                            "-Dchat.users takes name:token pairs, comma-separated: " + entry);
                }
                tokens.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
            }
            return users(tokens);
        }
        String token = System.getProperty("token");
        if (token != null) {
            return sharedToken(token);
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        // URL-safe Base64 has only characters a subprotocol may have.
        return sharedToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** True if {@code name} may log in with {@code token}. */
    boolean admits(String name, String token) {
        byte[] expected = shared != null ? shared : users.get(name);
        // isEqual takes as long for a near miss as for a wild guess: no guessing a token byte by byte.
        return expected != null && MessageDigest.isEqual(expected, bytes(token));
    }

    /** Who may log in, for the sample's start-up lines. */
    String describe() {
        return description;
    }

    private static String checked(String token) {
        if (token == null || !HTTP_TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a token is offered as a subprotocol, so it has letters, digits"
                    + " and !#$%&'*+-.^_`|~ only, at least one");
        }
        return token;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
