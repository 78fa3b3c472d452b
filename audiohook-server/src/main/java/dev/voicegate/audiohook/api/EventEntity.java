package dev.voicegate.audiohook.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One entity of a server {@code event} message (fact sheet §2.4, §2.6).
 *
 * @param type entity type, e.g. {@code "transcript"} or {@code "agentassist"}
 * @param data the entity payload; required and never JSON null (the reference client rejects null)
 */
public record EventEntity(String type, JsonNode data) {
    public EventEntity {
        Objects.requireNonNull(type, "type");
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new IllegalArgumentException("entity.data: null (expected: a JSON value)");
        }
    }
}
