package dev.voicegate.audiohook.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.api.Participant;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Settings of one {@link AudioHookClient} session. Immutable; build with {@link #builder(URI)}.
 *
 * @param uri                 {@code ws://host:port/path}
 * @param organizationId      sent in the header and in {@code open}
 * @param sessionId           the session id
 * @param correlationId       the correlation id header
 * @param conversationId      conversation id ({@link OpenInfo#NIL_UUID} for a probe)
 * @param participant         participant (nil id for a probe)
 * @param apiKey              {@code X-API-KEY}
 * @param secretBase64        client secret (base64), {@code ""} to send unsigned requests
 * @param offeredMedia        media offered in {@code open}, in order
 * @param language            {@code open.language} or null
 * @param customConfig        {@code open.customConfig} or null
 * @param source              audio to stream
 * @param speed               1.0 = real time; 10 = ten 200 ms frames per 200 ms
 * @param closeAtEndOfSource  send {@code close{end}} when the source is exhausted
 * @param firstPing           delay of the first ping after {@code opened} (reference: 1 s)
 * @param pingInterval        ping period (reference: 5 s)
 * @param clock               wall clock for signing
 * @param ticker              monotonic nanoseconds for RTT
 * @param tls                 client TLS context for {@code wss://}; null = the JDK's default trust store
 */
public record AudioHookClientConfig(URI uri, String organizationId, String sessionId, String correlationId,
                                    String conversationId, Participant participant, String apiKey, String secretBase64,
                                    List<MediaFormat> offeredMedia, String language, JsonNode customConfig,
                                    AudioSource source, double speed, boolean closeAtEndOfSource, Duration firstPing,
                                    Duration pingInterval, Clock clock, LongSupplier ticker, SslContext tls) {

    /** Media offered like Genesys: stereo external/internal PCMU, then mono external, then mono internal. */
    public static final List<MediaFormat> GENESYS_OFFER = List.of(
            MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL),
            MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL),
            MediaFormat.of(AudioEncoding.PCMU, Channel.INTERNAL));

    public AudioHookClientConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secretBase64, "secretBase64");
        offeredMedia = List.copyOf(offeredMedia);
        Objects.requireNonNull(source, "source");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("client.speed: " + speed + " (expected: > 0)");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
        if (tls != null && tls.isServer()) {
            throw new IllegalArgumentException("client.tls: a server context (expected: a client SslContext)");
        }
    }

    /** A copy connecting to another URI (e.g. {@code wss://}). */
    public AudioHookClientConfig withUri(URI other) {
        return new AudioHookClientConfig(other, organizationId, sessionId, correlationId, conversationId, participant,
                apiKey, secretBase64, offeredMedia, language, customConfig, source, speed, closeAtEndOfSource, firstPing,
                pingInterval, clock, ticker, tls);
    }

    /** Whether this is a connection probe. */
    public boolean probe() {
        return OpenInfo.isProbe(conversationId, participant.id());
    }

    /** A builder with random ids, the Genesys offer, 1 s of silence, real time. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** Mutable builder. */
    public static final class Builder {
        private final URI uri;
        private String organizationId = UUID.randomUUID().toString();
        private String sessionId = UUID.randomUUID().toString();
        private String correlationId = UUID.randomUUID().toString();
        private String conversationId = UUID.randomUUID().toString();
        private Participant participant = new Participant(UUID.randomUUID().toString(), "+15550100", "Test Caller", "+18005550199");
        private String apiKey = "";
        private String secret = "";
        private List<MediaFormat> media = GENESYS_OFFER;
        private String language = "en-US";
        private JsonNode customConfig;
        private AudioSource source = PcmAudioSource.silence(8000);
        private double speed = 1.0;
        private boolean closeAtEnd = true;
        private Duration firstPing = Duration.ofSeconds(1);
        private Duration pingInterval = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private SslContext tls;

        private Builder(URI uri) {
            this.uri = uri;
        }

        public Builder organizationId(String v) { organizationId = v; return this; }
        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder correlationId(String v) { correlationId = v; return this; }
        public Builder conversationId(String v) { conversationId = v; return this; }
        public Builder participant(Participant v) { participant = v; return this; }
        /** API key and base64 secret ({@code ""} = unsigned). */
        public Builder credentials(String key, String secretBase64) { apiKey = key; secret = secretBase64; return this; }
        public Builder media(List<MediaFormat> v) { media = v; return this; }
        public Builder language(String v) { language = v; return this; }
        public Builder customConfig(JsonNode v) { customConfig = v; return this; }
        public Builder source(AudioSource v) { source = v; return this; }
        public Builder speed(double v) { speed = v; return this; }
        public Builder closeAtEndOfSource(boolean v) { closeAtEnd = v; return this; }
        public Builder pings(Duration first, Duration interval) { firstPing = first; pingInterval = interval; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder ticker(LongSupplier v) { ticker = v; return this; }
        /** TLS context for {@code wss://} (e.g. trusting a test certificate). */
        public Builder tls(SslContext v) { tls = v; return this; }

        /** A connection probe: nil conversation and participant ids, empty ani/aniName/dnis, no audio. */
        public Builder probe() {
            conversationId = OpenInfo.NIL_UUID;
            participant = new Participant(OpenInfo.NIL_UUID, "", "", "");
            source = PcmAudioSource.silence(0);
            return this;
        }

        public AudioHookClientConfig build() {
            return new AudioHookClientConfig(uri, organizationId, sessionId, correlationId, conversationId, participant,
                    apiKey, secret, media, language, customConfig, source, speed, closeAtEnd, firstPing, pingInterval,
                    clock, ticker, tls);
        }
    }
}
