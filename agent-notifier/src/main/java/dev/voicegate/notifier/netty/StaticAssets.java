package dev.voicegate.notifier.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The agent app's files, read once from module resources ({@code dev/voicegate/notifier/app/}) and
 * served from memory. Immutable after construction; thread-safe.
 */
final class StaticAssets {

    /** One file: bytes, content type and a strong ETag. */
    record Asset(byte[] body, String contentType, String etag) {
    }

    private static final String BASE = "/dev/voicegate/notifier/app/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml");

    private final Map<String, Asset> byPath;

    StaticAssets() {
        java.util.HashMap<String, Asset> m = new java.util.HashMap<>();
        FILES.forEach((name, type) -> {
            byte[] body = read(name);
            m.put("/agent/" + name, new Asset(body, type, etag(body)));
        });
        m.put("/agent/", m.get("/agent/index.html"));
        this.byPath = Map.copyOf(m);
    }

    /** The asset for a request path (without query), or null. */
    Asset get(String path) {
        return byPath.get(path);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("agent app resource missing: " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read agent app resource " + BASE + name, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
