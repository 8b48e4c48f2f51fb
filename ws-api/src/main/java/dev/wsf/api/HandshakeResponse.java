package dev.wsf.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A read-only view of the server's answer to an upgrade request. */
public interface HandshakeResponse {

    /** The HTTP status; 101 for an accepted upgrade. */
    int status();

    /** The first value of the named header (case-insensitive). */
    Optional<String> header(String name);

    /** Every value of the named header, in order; empty when absent. */
    List<String> headers(String name);

    /** All headers, keyed by name (the map's lookups ignore case). */
    Map<String, List<String>> headers();
}
