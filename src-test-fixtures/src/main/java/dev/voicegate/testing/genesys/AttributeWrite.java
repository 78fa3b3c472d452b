package dev.voicegate.testing.genesys;

import java.util.Map;

/** One recorded {@code PATCH /api/v2/conversations/{c}/participants/{p}/attributes}. */
public record AttributeWrite(String conversationId, String participantId, Map<String, String> attributes) {
    public AttributeWrite {
        attributes = Map.copyOf(attributes);
    }
}
