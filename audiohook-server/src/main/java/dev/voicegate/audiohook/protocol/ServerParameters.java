package dev.voicegate.audiohook.protocol;

import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.MediaFormat;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Typed parameters of every server → client message (fact sheet §2.4). */
public sealed interface ServerParameters {

    /** The wire type name. */
    String type();

    /** {@code opened}: 0 or 1 media entries; {@code discardTo}/{@code supportedLanguages} may be null. */
    record Opened(List<MediaFormat> media, boolean startPaused, Duration discardTo, List<String> supportedLanguages)
            implements ServerParameters {
        public Opened {
            media = List.copyOf(media);
            if (media.size() > 1) {
                throw new IllegalArgumentException("opened.media: " + media.size() + " entries (expected: 0 or 1)");
            }
            supportedLanguages = supportedLanguages == null ? null : List.copyOf(supportedLanguages);
        }

        @Override
        public String type() {
            return "opened";
        }
    }

    /** {@code closed}. */
    record Closed() implements ServerParameters {
        @Override
        public String type() {
            return "closed";
        }
    }

    /** {@code pause}. */
    record Pause() implements ServerParameters {
        @Override
        public String type() {
            return "pause";
        }
    }

    /** {@code resume}. */
    record Resume() implements ServerParameters {
        @Override
        public String type() {
            return "resume";
        }
    }

    /** {@code pong}. */
    record Pong() implements ServerParameters {
        @Override
        public String type() {
            return "pong";
        }
    }

    /** {@code event}. */
    record Event(List<EventEntity> entities) implements ServerParameters {
        public Event {
            entities = List.copyOf(entities);
        }

        @Override
        public String type() {
            return "event";
        }
    }

    /** {@code disconnect}; {@code info} may be empty. */
    record Disconnect(DisconnectReason reason, String info) implements ServerParameters {
        public Disconnect {
            Objects.requireNonNull(reason, "reason");
            info = info == null ? "" : info;
        }

        @Override
        public String type() {
            return "disconnect";
        }
    }

    /** {@code reconnect} (typed only; never sent by this server). */
    record Reconnect(String info) implements ServerParameters {
        @Override
        public String type() {
            return "reconnect";
        }
    }

    /** {@code updated} (typed only). */
    record Updated() implements ServerParameters {
        @Override
        public String type() {
            return "updated";
        }
    }
}
