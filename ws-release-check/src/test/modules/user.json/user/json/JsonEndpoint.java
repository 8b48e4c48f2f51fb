package user.json;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;

/** Found by scanning; takes and returns records of this module. */
@Endpoint(path = "/json")
public class JsonEndpoint {
    @OnMessage
    public Reply on(Ask ask) {
        String text = ask.text().repeat(ask.times());
        return new Reply(text, text.length(), ask.mood());
    }
}
