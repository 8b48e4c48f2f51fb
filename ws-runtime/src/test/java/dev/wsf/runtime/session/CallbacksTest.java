package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.testing.LogCapture;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class CallbacksTest {

    /**
     * An {@code onError} that throws again what it was given, a common way to say "not mine":
     * the failure is logged as the application's and the session closes with 1011. Adding the
     * error to itself as suppressed used to throw IllegalArgumentException ("Self-suppression
     * not permitted") out of the callback guard, and the engine then failed the session as its
     * own internal error.
     */
    @Test
    void anOnErrorThatRethrowsItsErrorClosesTheSessionAsTheApplicationsFailure() {
        EndpointDefinition endpoint = EndpointDefinition.builder("/rethrow", r -> new EndpointHandler() {
            @Override
            public void onText(Session s, String message) {
                throw new IllegalStateException("the application failed");
            }

            @Override
            public void onError(Session s, Throwable error) {
                throw (IllegalStateException) error;
            }
        }).build();
        try (LogCapture log = LogCapture.under(Callbacks.class.getName()).quietly()) {
            ServerHarness h = new ServerHarness(endpoint);
            h.send(UpgradeRequestBuilder.to("/rethrow").bytes());
            assertEquals(101, h.status());
            h.send(RawFrame.text("boom").bytes());

            assertEquals(List.of("CLOSE 1011"), h.frames());
            assertEquals(1, log.messages(Level.SEVERE).size(), "the application's failure, logged once");
        }
    }
}
