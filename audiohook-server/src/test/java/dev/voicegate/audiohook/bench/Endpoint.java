package dev.voicegate.audiohook.bench;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom the load tool's sessions connect: the URL, the API key and client secret they sign
 * with (HTTP message signatures; an empty secret sends the key unsigned), the organisation id of their
 * {@code open}, and the client TLS context for {@code wss://} (null = the JDK's default trust store).
 */
record Endpoint(URI uri, String apiKey, String secret, String organizationId, SslContext tls) {
    Endpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
