package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.Participant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Decodes and validates the parameters of each client message type (fact sheet §2.4). */
final class ClientParametersDecoder {

    /** Language code syntax (fact sheet §2.2). */
    static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}-[A-Za-z]{2,3}$");

    private final JsonFields f = new JsonFields("");

    ClientParameters decode(String type, JsonNode p) {
        try {
            switch (type) {
                case "open": return open(p);
                case "close": return new ClientParameters.Close(f.enumValue(p, "reason", "parameters.reason",
                        s -> ClientParameters.CloseReasonCode.valueOf(checkLower(s).toUpperCase(java.util.Locale.ROOT)),
                        "end|error|disconnect|reconnect"));
                case "discarded": return new ClientParameters.Discarded(f.duration(p, "start", "parameters.start"),
                        f.duration(p, "discarded", "parameters.discarded"));
                case "paused": return new ClientParameters.Paused();
                case "resumed": return new ClientParameters.Resumed(f.duration(p, "start", "parameters.start"),
                        f.duration(p, "discarded", "parameters.discarded"));
                case "ping": return new ClientParameters.Ping(f.optionalDuration(p, "rtt", "parameters.rtt"));
                case "update": return new ClientParameters.Update(language(p, true));
                case "error": return error(p);
                default:
                    throw new ProtocolViolationException("Client Error: Invalid Message: '" + type
                            + "' is not a supported client message");
            }
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("Client Error: Invalid Message: Invalid/missing parameters in '"
                    + type + "': " + e.getMessage());
        }
    }

    private static String checkLower(String s) {
        if (!s.equals(s.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(s);
        }
        return s;
    }

    private ClientParameters.Open open(JsonNode p) {
        String org = f.uuid(p, "organizationId", "parameters.organizationId");
        String conv = f.uuid(p, "conversationId", "parameters.conversationId");
        JsonNode part = f.object(p, "participant", "parameters.participant");
        Participant participant = new Participant(f.uuid(part, "id", "parameters.participant.id"),
                f.text(part, "ani", "parameters.participant.ani"),
                f.text(part, "aniName", "parameters.participant.aniName"),
                f.text(part, "dnis", "parameters.participant.dnis"));
        List<MediaFormat> media = media(f.array(p, "media", "parameters.media"));
        String language = language(p, false);
        JsonNode sl = p.get("supportedLanguages");
        Boolean supported = null;
        if (sl != null && !sl.isNull()) {
            if (!sl.isBoolean()) {
                throw f.invalid("parameters.supportedLanguages", "boolean");
            }
            supported = sl.booleanValue();
        }
        JsonNode custom = p.get("customConfig");
        if (custom != null && !custom.isNull() && !custom.isObject()) {
            throw f.invalid("parameters.customConfig", "object");
        }
        return new ClientParameters.Open(org, conv, participant, media, language, supported,
                continued(p), custom == null || custom.isNull() ? null : custom);
    }

    private List<MediaFormat> media(JsonNode array) {
        List<MediaFormat> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "parameters.media[" + i + "]";
            JsonNode m = array.get(i);
            if (!m.isObject()) {
                throw f.invalid(path, "object");
            }
            String type = f.text(m, "type", path + ".type");
            if (!"audio".equals(type)) {
                throw f.invalid(path + ".type", "audio");
            }
            AudioEncoding enc = f.enumValue(m, "format", path + ".format", AudioEncoding::fromWire, "PCMU|L16");
            JsonNode rate = f.required(m, "rate", path + ".rate");
            if (!rate.isNumber() || rate.doubleValue() != MediaFormat.RATE) {
                throw f.invalid(path + ".rate", "8000");
            }
            JsonNode ch = f.array(m, "channels", path + ".channels");
            if (ch.isEmpty() || ch.size() > 2) {
                throw f.invalid(path + ".channels", "1 or 2 entries");
            }
            List<Channel> channels = new ArrayList<>(2);
            for (int c = 0; c < ch.size(); c++) {
                JsonNode cn = ch.get(c);
                String cp = path + ".channels[" + c + "]";
                if (!cn.isTextual()) {
                    throw f.invalid(cp, "external|internal");
                }
                try {
                    channels.add(Channel.fromWire(cn.textValue()));
                } catch (IllegalArgumentException e) {
                    throw f.invalid(cp, "external|internal");
                }
            }
            out.add(new MediaFormat(enc, MediaFormat.RATE, channels));
        }
        return out;
    }

    private String language(JsonNode p, boolean required) {
        String lang = required ? f.text(p, "language", "parameters.language")
                : f.optionalText(p, "language", "parameters.language");
        if (lang != null && !LANGUAGE.matcher(lang).matches()) {
            throw f.invalid("parameters.language", "language code like en-US");
        }
        return lang;
    }

    private List<ClientParameters.ContinuedSession> continued(JsonNode p) {
        JsonNode cs = p.get("continuedSessions");
        if (cs == null || cs.isNull()) {
            return List.of();
        }
        if (!cs.isArray()) {
            throw f.invalid("parameters.continuedSessions", "array");
        }
        List<ClientParameters.ContinuedSession> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            String path = "parameters.continuedSessions[" + i + "]";
            JsonNode e = cs.get(i);
            out.add(new ClientParameters.ContinuedSession(f.uuid(e, "id", path + ".id"),
                    f.nonNegativeLong(e, "serverseq", path + ".serverseq"),
                    f.nonNegativeLong(e, "clientseq", path + ".clientseq")));
        }
        return out;
    }

    private ClientParameters.Error error(JsonNode p) {
        long code = f.nonNegativeLong(p, "code", "parameters.code");
        if (code < 400 || code > 9999) {
            throw f.invalid("parameters.code", "integer 400..9999");
        }
        return new ClientParameters.Error((int) code, f.text(p, "message", "parameters.message"),
                f.optionalDuration(p, "retryAfter", "parameters.retryAfter"));
    }
}
