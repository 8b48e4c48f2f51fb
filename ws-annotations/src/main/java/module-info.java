/**
 * Annotated endpoints for wsf: {@link dev.wsf.annotated.AnnotatedEndpoints} turns classes carrying
 * {@code @Endpoint} or {@code @ClientEndpoint} into endpoint definitions for the engine.
 *
 * <p><b>Endpoints in a named module.</b> The framework calls your callbacks through method handles,
 * so the package of every endpoint class (and of every class it creates through {@code @Inject})
 * must be open to this module, for example:
 * <pre>{@code
 * module com.example.chat {
 *     requires dev.wsf.runtime;
 *     requires dev.wsf.annotated;
 *     opens com.example.chat to dev.wsf.annotated, tools.jackson.databind;
 * }
 * }</pre>
 * Jackson needs the package open too when messages are records or classes read and written as JSON.
 * A package that is not open fails at deployment with a {@code DeploymentException} that names the
 * class and this fix. On the class path nothing is needed.
 *
 * @since 0.1
 */
module dev.wsf.annotated {
    requires transitive dev.wsf.api;
    requires transitive tools.jackson.databind;
    requires io.github.classgraph;
    requires jakarta.inject;

    exports dev.wsf.annotated;
    exports dev.wsf.annotated.codec;
    exports dev.wsf.annotated.spi;

    uses dev.wsf.annotated.spi.InstanceProvider;
}
