package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.MediaFormat;
import java.util.ArrayList;
import java.util.List;

/** Decodes server → client messages (used by our client; fact sheet §2.4). */
final class ServerMessageDecoder {

    private final JsonFields f = new JsonFields("");

    ServerMessage decode(JsonNode root) {
        try {
            if (!AudioHookCodec.VERSION.equals(f.text(root, "version", "version"))) {
                throw f.invalid("version", "\"2\"");
            }
            String id = f.text(root, "id", "id");
            String type = f.text(root, "type", "type");
            long seq = f.nonNegativeLong(root, "seq", "seq");
            long clientseq = f.nonNegativeLong(root, "clientseq", "clientseq");
            JsonNode p = f.object(root, "parameters", "parameters");
            return new ServerMessage(id, seq, clientseq, parameters(type, p));
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("Invalid server message: " + e.getMessage());
        }
    }

    private ServerParameters parameters(String type, JsonNode p) {
        switch (type) {
            case "opened": return opened(p);
            case "closed": return new ServerParameters.Closed();
            case "pause": return new ServerParameters.Pause();
            case "resume": return new ServerParameters.Resume();
            case "pong": return new ServerParameters.Pong();
            case "updated": return new ServerParameters.Updated();
            case "reconnect": return new ServerParameters.Reconnect(f.optionalText(p, "info", "parameters.info"));
            case "disconnect": return new ServerParameters.Disconnect(f.enumValue(p, "reason", "parameters.reason",
                    DisconnectReason::fromWire, "completed|unauthorized|error"), f.optionalText(p, "info", "parameters.info"));
            case "event": return event(p);
            default: throw new IllegalArgumentException("'" + type + "' is not a supported server message");
        }
    }

    private ServerParameters.Opened opened(JsonNode p) {
        JsonNode arr = f.array(p, "media", "parameters.media");
        List<MediaFormat> media = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode m = arr.get(i);
            String path = "parameters.media[" + i + "]";
            AudioEncoding enc = f.enumValue(m, "format", path + ".format", AudioEncoding::fromWire, "PCMU|L16");
            List<Channel> channels = new ArrayList<>();
            for (JsonNode c : f.array(m, "channels", path + ".channels")) {
                channels.add(Channel.fromWire(c.asText()));
            }
            media.add(new MediaFormat(enc, (int) f.nonNegativeLong(m, "rate", path + ".rate"), channels));
        }
        JsonNode sp = p.get("startPaused");
        boolean startPaused = sp != null && sp.asBoolean(false);
        List<String> langs = null;
        JsonNode sl = p.get("supportedLanguages");
        if (sl != null && sl.isArray()) {
            langs = new ArrayList<>();
            for (JsonNode l : sl) {
                langs.add(l.asText());
            }
        }
        return new ServerParameters.Opened(media, startPaused,
                f.optionalDuration(p, "discardTo", "parameters.discardTo"), langs);
    }

    private ServerParameters.Event event(JsonNode p) {
        List<EventEntity> entities = new ArrayList<>();
        JsonNode arr = f.array(p, "entities", "parameters.entities");
        for (int i = 0; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            entities.add(new EventEntity(f.text(e, "type", "parameters.entities[" + i + "].type"),
                    f.required(e, "data", "parameters.entities[" + i + "].data")));
        }
        return new ServerParameters.Event(entities);
    }
}
