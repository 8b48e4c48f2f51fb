package user.json;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import user.json.receipt.Receipt;

/**
 * Returns a record of a package open to no one, declared as an Object: deployment cannot see the
 * class, so the reply fails when it is written.
 */
@Endpoint(path = "/receipt")
public class ReceiptEndpoint {
    @OnMessage
    public Object on(String text) {
        return new Receipt(text);
    }
}
