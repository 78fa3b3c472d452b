package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * JSON codec for AudioHook v2 text messages, both directions (fact sheet §2). Thread-safe.
 * Unknown fields are ignored; a missing or malformed required field fails with a message that
 * names it. Client messages are decoded in two steps so the session can apply the reference's
 * check order (§2.3): {@link #decodeClientEnvelope} then {@link ClientParametersDecoder}.
 */
public final class AudioHookCodec {

    /** Text message limit in characters (fact sheet §2.1): more than this is an error. */
    public static final int MAX_TEXT_CHARS = 65_535;
    /** Protocol version string. */
    public static final String VERSION = "2";

    private static final String ENVELOPE = "Message not a well-formed client message: ";

    private final ObjectMapper mapper;
    private final ClientParametersDecoder clientParameters = new ClientParametersDecoder();
    private final MessageWriter writer;

    public AudioHookCodec() {
        this(new ObjectMapper());
    }

    public AudioHookCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writer = new MessageWriter(mapper);
    }

    /** The Jackson mapper (for building event payloads). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Steps 1–3 of §2.3: size, JSON parse, envelope.
     *
     * @throws ProtocolViolationException with the disconnect info text
     */
    public ClientEnvelope decodeClientEnvelope(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ProtocolViolationException("Client Error: Message too large (" + text.length()
                    + " characters, limit " + MAX_TEXT_CHARS + ")");
        }
        JsonNode root = parse(text);
        JsonFields f = new JsonFields(ENVELOPE);
        try {
            String version = f.text(root, "version", "version");
            if (!VERSION.equals(version)) {
                throw f.invalid("version", "\"2\"");
            }
            String id = f.text(root, "id", "id");
            String type = f.text(root, "type", "type");
            long seq = f.nonNegativeLong(root, "seq", "seq");
            long serverseq = f.nonNegativeLong(root, "serverseq", "serverseq");
            Duration position = f.duration(root, "position", "position");
            JsonNode parameters = f.object(root, "parameters", "parameters");
            return new ClientEnvelope(id, type, seq, serverseq, position, parameters);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolationException("Client Error: " + e.getMessage());
        }
    }

    /**
     * Step 8 of §2.3: type and parameters.
     *
     * @throws ProtocolViolationException naming the unsupported type or the bad field
     */
    public ClientMessage decodeClientBody(ClientEnvelope envelope) {
        ClientParameters p = clientParameters.decode(envelope.type(), envelope.parameters());
        return new ClientMessage(envelope.id(), envelope.seq(), envelope.serverseq(), envelope.position(), p);
    }

    /** All steps at once (no sequence checks); for clients of this codec that keep no session state. */
    public ClientMessage decodeClient(String text) {
        return decodeClientBody(decodeClientEnvelope(text));
    }

    /**
     * Decodes a server → client message (used by our client).
     *
     * @throws ProtocolViolationException naming the problem
     */
    public ServerMessage decodeServer(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new ProtocolViolationException("Server message too large (" + text.length() + " characters)");
        }
        return new ServerMessageDecoder().decode(parse(text));
    }

    /** Encodes a server message to JSON text. */
    public String encode(ServerMessage message) {
        return write(writer.server(message));
    }

    /** Encodes a client message to JSON text. */
    public String encode(ClientMessage message) {
        return write(writer.client(message));
    }

    private JsonNode parse(String text) {
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ProtocolViolationException("Client Error: Message not a well-formed client message: "
                        + "not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ProtocolViolationException("Client Error: Message is not valid JSON at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
        }
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be serialised", e);
        }
    }
}
