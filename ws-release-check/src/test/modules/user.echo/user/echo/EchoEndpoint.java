package user.echo;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;

/** Public, in a package the module does not export: bound through the lookup that "opens" grants. */
@Endpoint(path = "/echo")
public class EchoEndpoint {
    @OnMessage
    public String echo(String message) {
        return "echo:" + message;
    }
}
