package dev.wsf.api.http;

import dev.wsf.api.HandshakeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link HttpHandler} that serves files from a directory or from the class path: the page,
 * scripts, styles and images of a WebSocket application, on the WebSocket port.
 *
 * <pre>{@code
 * WebSocketServer.builder()
 *         .endpoints(AnnotatedEndpoints.scan("com.example"))
 *         .httpHandler(StaticFiles.fromClasspath("/web"))    // src/main/resources/web/index.html at /
 *         .build().start();
 * }</pre>
 *
 * <h2>What is served</h2>
 * The request path, percent-decoded, names a file under the root; a path ending in {@code /}
 * names the {@code index.html} of that directory, and a directory named without the slash is
 * redirected (301) to it. Each answer carries a {@code Content-Type} from the file's extension
 * (html, css, js, mjs, json, map, svg, png, jpg, gif, webp, ico, wasm, txt, xml, pdf, woff,
 * woff2; anything else is {@code application/octet-stream}), an {@code ETag} and a
 * {@code Last-Modified}, {@code Cache-Control: no-cache} (browsers revalidate, cheaply, so a new
 * version shows at once; see {@link #withCacheControl}) and {@code X-Content-Type-Options:
 * nosniff}. A request with a matching {@code If-None-Match}, or else an {@code If-Modified-Since}
 * not older than the file, gets {@code 304 Not Modified} without the body. HEAD gets the
 * headers alone (the server strips the body).
 *
 * <h2>What is not</h2>
 * Nothing outside the root: a path with a {@code ..} or {@code .} segment (also percent-encoded,
 * {@code %2e%2e}), an encoded slash or backslash, a NUL or other control character, an empty
 * segment ({@code //}), a colon, malformed percent-encoding or UTF-8, or a file that a symbolic
 * link puts outside the root (the real path is checked), is not served; nor are hidden files
 * (a segment starting with {@code .}, such as {@code .git} or {@code .env}), or a file larger than
 * {@link #withMaxFileSize the limit}. For all of these the handler answers nothing, so the
 * server's {@code 404} (or the next handler, see {@link HttpHandler#orElse}) answers exactly as
 * for a file that does not exist: a refusal never tells whether something is there.
 *
 * <h2>Threads and memory</h2>
 * The server calls handlers on its I/O threads. Files of a directory are read on each request
 * (a file's metadata only, for a 304), which suits the small assets of a page on a local disk;
 * serve large downloads elsewhere. Class-path resources inside jars are read once and kept in
 * memory (up to 64 MiB in all; beyond that they are read on each request); those in directories
 * (a development build's {@code target/classes}) are read on each request, so edits show.
 * Thread-safe and immutable: the {@code with...} methods return a copy.
 *
 * @since 0.1
 */
public final class StaticFiles implements HttpHandler {
    private static final long DEFAULT_MAX_FILE_SIZE = 8L * 1024 * 1024;
    private static final String INDEX = "index.html";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Map<String, String> TYPES = contentTypes();

    private final FileSources.Source source;
    private final long maxFileSize;
    private final String cacheControl;

    private StaticFiles(FileSources.Source source, long maxFileSize, String cacheControl) {
        this.source = source;
        this.maxFileSize = maxFileSize;
        this.cacheControl = cacheControl;
    }

    /**
     * Serves the files under {@code root}.
     *
     * @param root the directory, resolved to its real path once, here
     * @return a handler with the default limit (8 MiB) and {@code Cache-Control: no-cache}
     * @throws IllegalArgumentException if {@code root} is not a readable directory
     * @throws NullPointerException if {@code root} is null
     */
    public static StaticFiles fromDirectory(Path root) {
        Objects.requireNonNull(root, "root");
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve files from " + root + ": " + e, e);
        }
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException("cannot serve files from " + root + ": not a directory");
        }
        return new StaticFiles(FileSources.directory(real), DEFAULT_MAX_FILE_SIZE, "no-cache");
    }

    /**
     * Serves the class-path resources under {@code base} (e.g. {@code "/web"} for
     * {@code src/main/resources/web}), found with the thread's context class loader or, without
     * one, this class's.
     *
     * @param base the resource directory; leading and trailing slashes are ignored
     * @return a handler with the default limit (8 MiB) and {@code Cache-Control: no-cache}
     * @throws IllegalArgumentException if {@code base} is the class path's root
     */
    public static StaticFiles fromClasspath(String base) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return fromClasspath(base, context != null ? context : StaticFiles.class.getClassLoader());
    }

    /**
     * Serves the resources under {@code base} that {@code loader} finds.
     *
     * @param base the resource directory, such as {@code "/web"}; leading and trailing slashes are
     *             ignored
     * @param loader the class loader that finds the resources
     * @return a handler with the default limit (8 MiB) and {@code Cache-Control: no-cache}
     * @throws IllegalArgumentException if {@code base} is the class path's root, which holds the
     *                                  application's classes and configuration
     */
    public static StaticFiles fromClasspath(String base, ClassLoader loader) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(loader, "loader");
        String prefix = base.replaceAll("^/+|/+$", "");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("serve a directory of resources, such as \"/web\", not the root of the "
                    + "class path, which holds the application's classes and configuration");
        }
        return new StaticFiles(FileSources.classpath(loader, prefix + "/"), DEFAULT_MAX_FILE_SIZE, "no-cache");
    }

    /**
     * Files larger than this are not served (404, and a warning in the log once). Default: 8 MiB.
     *
     * @param bytes the largest file served, in bytes
     * @return a copy with this limit
     * @throws IllegalArgumentException if {@code bytes} is zero or less
     */
    public StaticFiles withMaxFileSize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxFileSize must be positive: " + bytes);
        }
        return new StaticFiles(source, bytes, cacheControl);
    }

    /**
     * The {@code Cache-Control} value of every answer, e.g. {@code "max-age=3600"} for files whose
     * names change with their content; empty for none. Default: {@code no-cache}.
     *
     * @param value the header value, sent as is; empty to send no {@code Cache-Control}
     * @return a copy with this value
     * @throws NullPointerException if {@code value} is null
     */
    public StaticFiles withCacheControl(String value) {
        return new StaticFiles(source, maxFileSize, Objects.requireNonNull(value, "value"));
    }

    @Override
    public Optional<HttpResponse> handle(HandshakeRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return Optional.empty();
        }
        String rawPath = request.path();
        Optional<List<String>> segments = segments(rawPath);
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        boolean directory = rawPath.endsWith("/");
        List<String> names = new ArrayList<>(segments.get());
        if (directory) {
            names.add(INDEX);
        }
        Optional<FileSources.Found> found = source.find(names);
        if (found.isEmpty()) {
            if (!directory && !names.isEmpty()) {
                names.add(INDEX);
                if (source.find(names).isPresent()) {
                    String location = rawPath + "/" + (request.requestUri().getRawQuery() == null ? ""
                            : "?" + request.requestUri().getRawQuery());
                    return Optional.of(new HttpResponse(301, "text/plain; charset=utf-8",
                            ("see " + location + "\n").getBytes(StandardCharsets.UTF_8), Map.of("Location", location)));
                }
            }
            return Optional.empty();
        }
        return answer(request, found.get());
    }

    private Optional<HttpResponse> answer(HandshakeRequest request, FileSources.Found file) {
        if (file.size() > maxFileSize) {
            FileSources.warnOnce(file.name(), "not serving " + file.name() + ": its " + file.size() + " bytes exceed the limit of "
                    + maxFileSize + " (StaticFiles.withMaxFileSize)");
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> etag = file.etag();
        etag.ifPresent(tag -> headers.put("ETag", tag));
        if (file.lastModified() > 0) {
            headers.put("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(file.lastModified())));
        }
        if (!cacheControl.isEmpty()) {
            headers.put("Cache-Control", cacheControl);
        }
        if (notModified(request, etag, file.lastModified())) {
            return Optional.of(new HttpResponse(304, "", new byte[0], headers));
        }
        byte[] body;
        try {
            body = file.content();
        } catch (IOException | UncheckedIOException e) {
            FileSources.warnOnce(file.name(), "cannot read " + file.name() + ": " + e);
            return Optional.empty();
        }
        if (body.length > maxFileSize) { // grew since its size was read
            return Optional.empty();
        }
        headers.put("X-Content-Type-Options", "nosniff");
        return Optional.of(new HttpResponse(200, contentType(file.name()), body, headers));
    }

    /** RFC 9110 section 13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise. */
    private static boolean notModified(HandshakeRequest request, Optional<String> etag, long lastModified) {
        List<String> noneMatch = request.headers("If-None-Match");
        if (!noneMatch.isEmpty()) {
            for (String value : noneMatch) {
                for (String tag : value.split(",")) {
                    String t = tag.trim();
                    if (t.equals("*") || (etag.isPresent() && weak(t).equals(weak(etag.get())))) {
                        return true;
                    }
                }
            }
            return false;
        }
        Optional<String> since = request.header("If-Modified-Since");
        if (since.isEmpty() || lastModified <= 0) {
            return false;
        }
        try {
            long date = ZonedDateTime.parse(since.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            return lastModified / 1000 <= date;
        } catch (DateTimeParseException e) {
            return false; // an invalid date is ignored (RFC 9110 section 13.1.3)
        }
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * The decoded segments of a request path, or empty if the path is one this handler never
     * serves (see the class description). Checked before any file is looked at.
     */
    static Optional<List<String>> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isEmpty()) {
                if (i == raw.length - 1) {
                    break; // the trailing slash of a directory, or the root itself
                }
                return Optional.empty();
            }
            String segment = decode(raw[i]);
            if (segment == null || segment.startsWith(".")) {
                return Optional.empty(); // ".", "..", hidden files, bad encoding
            }
            for (int j = 0; j < segment.length(); j++) {
                char c = segment.charAt(j);
                if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') {
                    return Optional.empty();
                }
            }
            segments.add(segment);
        }
        return Optional.of(segments);
    }

    /** Strict percent-decoding into UTF-8; null for a malformed escape or invalid UTF-8. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    return null;
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return null;
            }
            bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The Content-Type for a file name, by its extension. */
    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static Map<String, String> contentTypes() {
        Map<String, String> types = new java.util.HashMap<>();
        String utf8 = "; charset=utf-8";
        types.put("html", "text/html" + utf8);
        types.put("htm", "text/html" + utf8);
        types.put("css", "text/css" + utf8);
        types.put("js", "text/javascript" + utf8);
        types.put("mjs", "text/javascript" + utf8);
        types.put("json", "application/json");
        types.put("map", "application/json");
        types.put("txt", "text/plain" + utf8);
        types.put("xml", "application/xml");
        types.put("svg", "image/svg+xml");
        types.put("png", "image/png");
        types.put("jpg", "image/jpeg");
        types.put("jpeg", "image/jpeg");
        types.put("gif", "image/gif");
        types.put("webp", "image/webp");
        types.put("ico", "image/x-icon");
        types.put("wasm", "application/wasm");
        types.put("pdf", "application/pdf");
        types.put("woff", "font/woff");
        types.put("woff2", "font/woff2");
        return Map.copyOf(types);
    }

    @Override
    public String toString() {
        return "StaticFiles[" + source + "]";
    }
}
