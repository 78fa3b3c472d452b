package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
    /**
     * Deepest JSON nesting accepted in a message. The deepest message of the protocol (an {@code open}
     * with {@code customConfig}) needs 4 levels plus what the customer puts in {@code customConfig}.
     */
    public static final int MAX_JSON_DEPTH = 32;
    /** Longest JSON number accepted, in characters: a {@code long} has 19 digits, a double 17 significant ones. */
    public static final int MAX_JSON_NUMBER_CHARS = 32;

    private static final String ENVELOPE = "Message not a well-formed client message: ";

    private final ObjectMapper mapper;
    /** Reads with the limits above, whatever the configuration of {@link #mapper}. */
    private final ObjectMapper reader;
    private final ClientParametersDecoder clientParameters = new ClientParametersDecoder();
    private final MessageWriter writer;

    public AudioHookCodec() {
        this(new ObjectMapper());
    }

    public AudioHookCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_JSON_DEPTH).maxNumberLength(MAX_JSON_NUMBER_CHARS)
                .maxStringLength(MAX_TEXT_CHARS).build()).build());
        this.writer = new MessageWriter(mapper);
    }

    /** The Jackson mapper (for building event payloads); reading uses the codec's own limits. */
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

    /** Parses one JSON object; never throws anything but {@link ProtocolViolationException}. */
    private JsonNode parse(String text) {
        JsonNode root;
        try {
            root = reader.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new ProtocolViolationException("Client Error: Message not a well-formed client message: "
                    + "beyond the JSON limits (nesting depth " + MAX_JSON_DEPTH + ", numbers of "
                    + MAX_JSON_NUMBER_CHARS + " characters)");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ProtocolViolationException("Client Error: Message is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolViolationException("Client Error: Message not a well-formed client message: "
                    + "not a JSON object");
        }
        return root;
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be serialised", e);
        }
    }
}
