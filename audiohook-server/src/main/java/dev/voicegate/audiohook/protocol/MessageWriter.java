package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.MediaFormat;
import java.util.List;

/** Builds the JSON trees of outgoing messages (both directions). */
final class MessageWriter {

    private final ObjectMapper mapper;

    MessageWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode server(ServerMessage m) {
        ObjectNode root = envelope(m.id(), m.type(), m.seq());
        root.put("clientseq", m.clientseq());
        root.set("parameters", serverParameters(m.parameters()));
        return root;
    }

    ObjectNode client(ClientMessage m) {
        ObjectNode root = envelope(m.id(), m.type(), m.seq());
        root.put("serverseq", m.serverseq());
        root.put("position", Durations.format(m.position()));
        root.set("parameters", clientParameters(m.parameters()));
        return root;
    }

    private ObjectNode envelope(String id, String type, long seq) {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", AudioHookCodec.VERSION);
        root.put("type", type);
        root.put("id", id);
        root.put("seq", seq);
        return root;
    }

    private ObjectNode serverParameters(ServerParameters p) {
        ObjectNode o = mapper.createObjectNode();
        if (p instanceof ServerParameters.Opened opened) {
            o.set("media", media(opened.media()));
            o.put("startPaused", opened.startPaused());
            if (opened.discardTo() != null) {
                o.put("discardTo", Durations.format(opened.discardTo()));
            }
            if (opened.supportedLanguages() != null) {
                ArrayNode langs = o.putArray("supportedLanguages");
                opened.supportedLanguages().forEach(langs::add);
            }
        } else if (p instanceof ServerParameters.Event event) {
            ArrayNode entities = o.putArray("entities");
            for (EventEntity e : event.entities()) {
                entities.addObject().put("type", e.type()).set("data", e.data());
            }
        } else if (p instanceof ServerParameters.Disconnect d) {
            o.put("reason", d.reason().wireName());
            if (!d.info().isEmpty()) {
                o.put("info", d.info());
            }
        } else if (p instanceof ServerParameters.Reconnect r && r.info() != null) {
            o.put("info", r.info());
        }
        return o;
    }

    private ObjectNode clientParameters(ClientParameters p) {
        ObjectNode o = mapper.createObjectNode();
        if (p instanceof ClientParameters.Open open) {
            o.put("organizationId", open.organizationId());
            o.put("conversationId", open.conversationId());
            o.putObject("participant").put("id", open.participant().id()).put("ani", open.participant().ani())
                    .put("aniName", open.participant().aniName()).put("dnis", open.participant().dnis());
            o.set("media", media(open.media()));
            if (open.language() != null) {
                o.put("language", open.language());
            }
            if (open.supportedLanguages() != null) {
                o.put("supportedLanguages", open.supportedLanguages());
            }
            if (open.customConfig() != null) {
                o.set("customConfig", open.customConfig());
            }
        } else if (p instanceof ClientParameters.Close close) {
            o.put("reason", close.reason().wireName());
        } else if (p instanceof ClientParameters.Discarded d) {
            o.put("start", Durations.format(d.start())).put("discarded", Durations.format(d.discarded()));
        } else if (p instanceof ClientParameters.Resumed r) {
            o.put("start", Durations.format(r.start())).put("discarded", Durations.format(r.discarded()));
        } else if (p instanceof ClientParameters.Ping ping && ping.rtt() != null) {
            o.put("rtt", Durations.format(ping.rtt()));
        } else if (p instanceof ClientParameters.Update u) {
            o.put("language", u.language());
        } else if (p instanceof ClientParameters.Error e) {
            o.put("code", e.code()).put("message", e.message());
            if (e.retryAfter() != null) {
                o.put("retryAfter", Durations.format(e.retryAfter()));
            }
        }
        return o;
    }

    ArrayNode media(List<MediaFormat> media) {
        ArrayNode arr = mapper.createArrayNode();
        for (MediaFormat m : media) {
            ObjectNode e = arr.addObject();
            e.put("type", "audio").put("format", m.encoding().name());
            ArrayNode ch = e.putArray("channels");
            for (Channel c : m.channels()) {
                ch.add(c.wireName());
            }
            e.put("rate", m.rate());
        }
        return arr;
    }
}
