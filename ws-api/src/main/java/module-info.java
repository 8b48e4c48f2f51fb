/**
 * The wsf API: the types an application names, whichever engine runs it. Sessions, close codes and
 * handshake views ({@link dev.wsf.api}), the endpoint annotations ({@link dev.wsf.api.annotation}),
 * programmatic endpoints ({@link dev.wsf.api.endpoint}), configuration ({@link dev.wsf.api.config}),
 * codecs, authentication, topics, metrics, plain HTTP next to WebSocket, and the extension SPI
 * ({@link dev.wsf.api.extension}). It depends on the JDK only.
 *
 * @since 0.1
 */
module dev.wsf.api {
    exports dev.wsf.api;
    exports dev.wsf.api.annotation;
    exports dev.wsf.api.auth;
    exports dev.wsf.api.codec;
    exports dev.wsf.api.config;
    exports dev.wsf.api.endpoint;
    exports dev.wsf.api.extension;
    exports dev.wsf.api.http;
    exports dev.wsf.api.metrics;
    exports dev.wsf.api.topic;
}
