package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A client message after envelope validation (fact sheet §2.3 steps 1–3), before its type and
 * parameters are checked. Lets the session run the seq/serverseq/id checks in the reference order.
 *
 * @param id         session id as sent
 * @param type       the type string (not yet checked)
 * @param seq        client seq
 * @param serverseq  client serverseq
 * @param position   client position
 * @param parameters the raw parameters object
 */
public record ClientEnvelope(String id, String type, long seq, long serverseq, Duration position, JsonNode parameters) {
}
