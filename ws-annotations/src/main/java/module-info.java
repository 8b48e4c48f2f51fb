/**
 * Annotated endpoints for wsf: {@link dev.wsf.annotated.AnnotatedEndpoints} turns classes carrying
 * {@code @Endpoint} or {@code @ClientEndpoint} into endpoint definitions for the engine.
 *
 * <p><b>Endpoints in a named module.</b> The framework calls your callbacks through method handles,
 * so the package of every endpoint class (and of every class it creates through {@code @Inject})
 * must be open to this module. {@code AnnotatedEndpoints.scan(...)} finds the endpoints of a module
 * on the module path as {@code define(...)} takes them, with nothing more: ClassGraph reads the class
 * files of the modules in the application's module layers.
 *
 * <p><b>JSON messages in a named module.</b> Jackson reads and writes records and other classes
 * through method handles of its own module, {@code tools.jackson.databind}, and takes no lookup from
 * this one: their packages must be open to Jackson too (or, for public records and classes with
 * public accessors, exported to it; enums need nothing). javac takes one {@code opens} line per
 * package, so a package holding both endpoints and messages names both modules:
 * <pre>{@code
 * module com.example.chat {
 *     requires dev.wsf.runtime;
 *     requires dev.wsf.annotated;
 *     opens com.example.chat to dev.wsf.annotated, tools.jackson.databind;
 *     opens com.example.chat.messages to tools.jackson.databind;
 * }
 * }</pre>
 * A package not open fails at deployment with a {@code DeploymentException} that names the class,
 * its module and the line to write: for endpoint classes, and for the message parameters and
 * declared return types read or written as JSON (with their type arguments and record components).
 * A class deployment cannot see (a record returned where the method declares {@code Object}) fails
 * when it is written: the peer is closed with 1011 and no reason, the log gets the class and the
 * line. On the class path nothing is needed.
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
