package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.Participant;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Typed parameters of every client → server message (fact sheet §2.4). */
public sealed interface ClientParameters {

    /** The wire type name. */
    String type();

    /** {@code open}; {@code language}, {@code supportedLanguages} may be null, lists never. */
    record Open(String organizationId, String conversationId, Participant participant, List<MediaFormat> media,
                String language, Boolean supportedLanguages, List<ContinuedSession> continuedSessions,
                JsonNode customConfig) implements ClientParameters {
        public Open {
            Objects.requireNonNull(organizationId, "organizationId");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(participant, "participant");
            media = List.copyOf(media);
            continuedSessions = continuedSessions == null ? List.of() : List.copyOf(continuedSessions);
        }

        @Override
        public String type() {
            return "open";
        }
    }

    /** An entry of {@code open.continuedSessions} (informational only, fact sheet §5). */
    record ContinuedSession(String id, long serverseq, long clientseq) {
    }

    /** {@code close}. */
    record Close(CloseReasonCode reason) implements ClientParameters {
        @Override
        public String type() {
            return "close";
        }
    }

    /** Wire values of {@code close.reason}. */
    enum CloseReasonCode {
        END, ERROR, DISCONNECT, RECONNECT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code discarded}: audio from {@code start} lasting {@code discarded} was dropped by the client. */
    record Discarded(Duration start, Duration discarded) implements ClientParameters {
        @Override
        public String type() {
            return "discarded";
        }
    }

    /** {@code paused}. */
    record Paused() implements ClientParameters {
        @Override
        public String type() {
            return "paused";
        }
    }

    /** {@code resumed}: {@code discarded} is the audio skipped while paused. */
    record Resumed(Duration start, Duration discarded) implements ClientParameters {
        @Override
        public String type() {
            return "resumed";
        }
    }

    /** {@code ping}; {@code rtt} may be null. */
    record Ping(Duration rtt) implements ClientParameters {
        @Override
        public String type() {
            return "ping";
        }
    }

    /** {@code update}. */
    record Update(String language) implements ClientParameters {
        @Override
        public String type() {
            return "update";
        }
    }

    /** {@code error}; {@code retryAfter} may be null. */
    record Error(int code, String message, Duration retryAfter) implements ClientParameters {
        @Override
        public String type() {
            return "error";
        }
    }
}
