package dev.wsf.runtime.server;

import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.extension.ExtensionRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The server's half of extension negotiation (RFC 6455 section 9.1): walks the client's offers in
 * its order of preference, asks the factory of each enabled extension, keeps the first accepted
 * offer per extension, and declines any that would claim an RSV bit already taken.
 */
final class ExtensionNegotiator {
    private static final System.Logger LOG = System.getLogger(ExtensionNegotiator.class.getName());

    private ExtensionNegotiator() {
    }

    static NegotiatedExtensions negotiate(List<ExtensionConfig> offers, ExtensionRegistry registry,
                                    EndpointDefinition endpoint, ExtensionContext context) {
        List<Extension> accepted = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int rsvTaken = 0;
        for (ExtensionConfig offer : offers) {
            String name = offer.name();
            Optional<ExtensionFactory> factory = registry.find(name);
            if (names.contains(name) || factory.isEmpty() || !endpoint.allowsExtension(name)) {
                continue;
            }
            Optional<Extension> extension;
            try {
                extension = factory.get().acceptOffer(offer, context);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "extension factory " + name + " failed on offer " + offer, e);
                continue;
            }
            if (extension.isEmpty()) {
                continue;
            }
            Extension e = extension.get();
            if ((e.rsvBits() & rsvTaken) != 0 || !e.config().name().equals(name)) {
                LOG.log(System.Logger.Level.WARNING, "declining " + e.config() + ": its RSV bits are taken"
                        + " or it answered for another extension");
                e.close();
                continue;
            }
            rsvTaken |= e.rsvBits();
            names.add(name);
            accepted.add(e);
        }
        return NegotiatedExtensions.of(accepted);
    }
}
