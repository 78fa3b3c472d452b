package dev.voicegate.audiohook.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the client announced in {@code open} (fact sheet §2.4), plus the media the server selected.
 * Immutable.
 *
 * @param sessionId      session id (the {@code id} of every message)
 * @param organizationId Genesys organisation id
 * @param conversationId conversation id (nil UUID for a connection probe)
 * @param participant    the participant; personal data, mask when logging
 * @param offeredMedia   media formats offered by the client, in offered order
 * @param selectedMedia  the selected entry (an exact copy of an offered one), or empty when none
 * @param language       the language code lower-cased, or {@code null} when not given
 * @param customConfig   the {@code customConfig} object passed through untouched (empty object when absent)
 * @param correlationId  the {@code Audiohook-Correlation-Id} header, or {@code ""}
 * @param probe          true for a connection probe (nil conversation or participant id)
 */
public record OpenInfo(String sessionId, String organizationId, String conversationId, Participant participant,
                       List<MediaFormat> offeredMedia, Optional<MediaFormat> selectedMedia, String language,
                       JsonNode customConfig, String correlationId, boolean probe) {

    /** The nil UUID used by connection probes (fact sheet §5). */
    public static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    public OpenInfo {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(participant, "participant");
        offeredMedia = List.copyOf(offeredMedia);
        Objects.requireNonNull(selectedMedia, "selectedMedia");
        customConfig = customConfig == null ? JsonNodeFactory.instance.objectNode() : customConfig;
        correlationId = correlationId == null ? "" : correlationId;
    }

    /** Whether these ids mark a connection probe: nil conversation id or nil participant id. */
    public static boolean isProbe(String conversationId, String participantId) {
        return NIL_UUID.equals(conversationId) || NIL_UUID.equals(participantId);
    }
}
