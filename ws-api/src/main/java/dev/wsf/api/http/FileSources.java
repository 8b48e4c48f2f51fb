package dev.wsf.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where {@link StaticFiles} finds files: a directory, whose real paths must stay under its root,
 * or class-path resources, those in jars read once and kept. The segments given have been checked
 * already (no dot segments, separators or control characters).
 */
final class FileSources {
    private static final System.Logger LOG = System.getLogger(StaticFiles.class.getName());
    private static final long MAX_CACHED_BYTES = 64L * 1024 * 1024;
    /** Names already warned about, so a client asking again and again cannot flood the log. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private FileSources() {
    }

    /** The files under {@code root}, a real path. */
    static Source directory(Path root) {
        return new DirectorySource(root);
    }

    /** The resources {@code loader} finds under {@code prefix}, which ends with a slash. */
    static Source classpath(ClassLoader loader, String prefix) {
        return new ClasspathSource(loader, prefix);
    }

    /** Logs a WARNING about a file, once per name (and about 1000 names at most). */
    static void warnOnce(String name, String message) {
        if (WARNED.size() < 1000 && WARNED.add(name)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    /** A file found under the root. */
    interface Found {
        /** The file's name under the root, for the log and its extension. */
        String name();

        long size();

        /** Milliseconds since the epoch, or 0 if unknown. */
        long lastModified();

        Optional<String> etag();

        byte[] content() throws IOException;
    }

    /** Where the files come from. */
    interface Source {
        /** The regular file at these (checked) segments, if there is one. */
        Optional<Found> find(List<String> segments);
    }

    private record DirectorySource(Path root) implements Source {
        @Override
        public String toString() {
            return root.toString();
        }

        @Override
        public Optional<Found> find(List<String> segments) {
            Path candidate = root;
            for (String s : segments) {
                candidate = candidate.resolve(s);
            }
            try {
                Path real = candidate.toRealPath(); // follows symbolic links...
                if (!real.startsWith(root)) {
                    return Optional.empty(); // ...which must not lead out of the root
                }
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    return Optional.empty();
                }
                return Optional.of(new DirectoryFile(root.relativize(real).toString(), real, attributes));
            } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
                return Optional.empty();
            }
        }
    }

    private record DirectoryFile(String name, Path path, BasicFileAttributes attributes) implements Found {
        @Override
        public long size() {
            return attributes.size();
        }

        @Override
        public long lastModified() {
            return attributes.lastModifiedTime().toMillis();
        }

        /** Size and modification time, as nginx does: changes whenever the file does, without reading it. */
        @Override
        public Optional<String> etag() {
            return Optional.of("\"" + Long.toHexString(size()) + "-"
                    + Long.toHexString(attributes.lastModifiedTime().toInstant().toEpochMilli()) + "\"");
        }

        @Override
        public byte[] content() throws IOException {
            return Files.readAllBytes(path);
        }
    }

    private static final class ClasspathSource implements Source {
        private final ClassLoader loader;
        private final String prefix;
        private final Map<String, Found> cache = new ConcurrentHashMap<>();
        private final AtomicLong cached = new AtomicLong();

        ClasspathSource(ClassLoader loader, String prefix) {
            this.loader = loader;
            this.prefix = prefix;
        }

        @Override
        public String toString() {
            return "classpath:/" + prefix;
        }

        @Override
        public Optional<Found> find(List<String> segments) {
            String name = prefix + String.join("/", segments);
            Found hit = cache.get(name);
            if (hit != null) {
                return Optional.of(hit);
            }
            URL url = loader.getResource(name);
            if (url == null) {
                return Optional.empty();
            }
            try {
                if (url.getProtocol().equals("file")) {
                    Path path = Path.of(url.toURI());
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    return attributes.isRegularFile()
                            ? Optional.of(new DirectoryFile(name, path, attributes)) : Optional.empty();
                }
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection jar && (jar.getJarEntry() == null
                        || jar.getJarEntry().isDirectory())) {
                    return Optional.empty();
                }
                byte[] content;
                try (InputStream in = connection.getInputStream()) {
                    content = in.readAllBytes();
                }
                Found found = new ResourceFile(name, content, connection.getLastModified(), etagOf(content));
                if (cached.addAndGet(content.length) <= MAX_CACHED_BYTES) {
                    cache.putIfAbsent(name, found);
                } else {
                    cached.addAndGet(-content.length);
                }
                return Optional.of(found);
            } catch (IOException | URISyntaxException | RuntimeException e) {
                warnOnce(name, "cannot read class-path resource " + name + ": " + e);
                return Optional.empty();
            }
        }

        private static String etagOf(byte[] content) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
                return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /** A class-path resource read into memory; its tag is a hash of the content. */
    private record ResourceFile(String name, byte[] bytes, long lastModified, String tag) implements Found {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public Optional<String> etag() {
            return Optional.of(tag);
        }

        @Override
        public byte[] content() {
            return bytes; // shared: the server only reads it
        }
    }
}
