package dev.wsf.annotated.instance;

import jakarta.inject.Singleton;

/** Reads the scope annotations of {@code jakarta.inject}. */
public final class Scopes {

    private Scopes() {
    }

    /**
     * Whether one instance of {@code type} should serve everyone.
     *
     * @param type an endpoint or codec class
     * @return true if it is annotated {@code jakarta.inject.Singleton}
     */
    public static boolean isSingleton(Class<?> type) {
        return type.isAnnotationPresent(Singleton.class);
    }
}
