package dev.wsf.annotated.model;

import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import java.lang.annotation.Annotation;

/** The four kinds of callback an endpoint class can declare, one per annotation. */
public enum CallbackKind {
    OPEN(OnOpen.class),
    MESSAGE(OnMessage.class),
    CLOSE(OnClose.class),
    ERROR(OnError.class);

    private final Class<? extends Annotation> annotation;

    CallbackKind(Class<? extends Annotation> annotation) {
        this.annotation = annotation;
    }

    public Class<? extends Annotation> annotation() {
        return annotation;
    }

    /** How messages name the callback, e.g. {@code @OnMessage}. */
    public String label() {
        return "@" + annotation.getSimpleName();
    }
}
