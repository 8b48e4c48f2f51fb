package dev.wsf.annotated.model;

import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import java.lang.annotation.Annotation;

/** The four kinds of callback an endpoint class can declare, one per annotation. */
public enum CallbackKind {
    /** {@code @OnOpen}: called once when the session opens. */
    OPEN(OnOpen.class),
    /** {@code @OnMessage}: called for each message of the type it takes. */
    MESSAGE(OnMessage.class),
    /** {@code @OnClose}: called once when the session closes. */
    CLOSE(OnClose.class),
    /**
     * {@code @OnError}: called for an exception from a callback, a message that cannot be decoded, or an
     * error the runtime reports.
     */
    ERROR(OnError.class);

    private final Class<? extends Annotation> annotation;

    CallbackKind(Class<? extends Annotation> annotation) {
        this.annotation = annotation;
    }

    /**
     * The annotation that marks a method as this kind of callback.
     *
     * @return the annotation class, such as {@code OnMessage.class}
     */
    public Class<? extends Annotation> annotation() {
        return annotation;
    }

    /**
     * How messages name the callback, e.g. {@code @OnMessage}.
     *
     * @return the annotation's simple name after an {@code @}
     */
    public String label() {
        return "@" + annotation.getSimpleName();
    }
}
