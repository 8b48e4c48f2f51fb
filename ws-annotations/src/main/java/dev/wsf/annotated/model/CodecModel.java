package dev.wsf.annotated.model;

/**
 * An encoder or decoder class listed on an endpoint, with the type it handles.
 *
 * @param codecClass  the class implementing one of the codec interfaces
 * @param targetType  the {@code T} of its {@code TextEncoder<T>}, {@code BinaryDecoder<T>}...
 * @param messageType {@link MessageType#TEXT} or {@link MessageType#BINARY}
 */
public record CodecModel(Class<?> codecClass, Class<?> targetType, MessageType messageType) {
}
