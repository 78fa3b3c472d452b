package dev.voicegate.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the configuration: one YAML file, then {@code VOICEGATE_<PATH>} environment overrides
 * ({@code gating.matchTimeout} → {@code VOICEGATE_GATING_MATCH_TIMEOUT}; lists as comma-separated
 * values or JSON), then secret references {@code ${env:NAME}} and {@code ${file:/path}} in any string.
 * Binds to {@link VoiceGateConfig} (unknown keys are errors) and renders the effective config with
 * secrets masked. Not thread-safe; used once at start-up.
 */
public final class ConfigLoader {

    private static final String SECTION = "voicegate.section";
    private final Map<String, String> env;
    private final ObjectMapper yaml;

    /** @param env the process environment (tests pass their own map) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        durations.addSerializer(Duration.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<Duration>(Duration.class) {
            @Override
            public void serialize(Duration value, com.fasterxml.jackson.core.JsonGenerator gen,
                                  com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                gen.writeString(Durations.format(value));
            }
        });
        this.yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .registerModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** The result: the validated config and its printable, masked form. */
    public record Loaded(VoiceGateConfig config, String maskedYaml, List<String> warnings) {
    }

    /**
     * @param file the YAML file, or {@code null} for defaults plus environment only
     * @throws ConfigException with a message naming key, value and expectation
     */
    public Loaded load(Path file) {
        ObjectNode tree = readFile(file);
        List<String> warnings = new ArrayList<>();
        new EnvOverrides(env, VoiceGateConfig.class).apply(tree, warnings);
        Set<String> secretPaths = new HashSet<>();
        SecretReferences refs = new SecretReferences(env);
        resolveRefs(tree, "", refs, secretPaths);
        List<String> errors = new ArrayList<>();
        VoiceGateConfig config = bind(tree, errors);
        if (config != null) {
            try {
                if (errors.isEmpty()) { // a broken gating section would read as the default, gated
                    config.requireGenesysForGating();
                }
            } catch (ConfigException e) {
                errors.addAll(e.problems());
            }
            try {
                ComponentConfigs.of(config);
            } catch (ConfigException e) {
                errors.addAll(e.problems());
            }
        }
        ConfigException.throwIfAny(errors.stream().map(refs::mask).toList());
        return new Loaded(config, render(config, secretPaths), List.copyOf(warnings));
    }

    private ObjectNode readFile(Path file) {
        if (file == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = yaml.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": top level must be a mapping of sections (audiohook:, admin:, gating:, genesys:)");
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private void resolveRefs(JsonNode node, String path, SecretReferences refs, Set<String> secretPaths) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            it.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    String raw = e.getValue().asText();
                    if (SecretReferences.hasReference(raw)) {
                        secretPaths.add(p);
                        obj.set(e.getKey(), TextNode.valueOf(refs.resolve(p, raw)));
                    }
                } else {
                    resolveRefs(e.getValue(), p, refs, secretPaths);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                String p = path + "[" + i + "]";
                JsonNode v = arr.get(i);
                if (v.isTextual() && SecretReferences.hasReference(v.asText())) {
                    secretPaths.add(p);
                    arr.set(i, TextNode.valueOf(refs.resolve(p, v.asText())));
                } else {
                    resolveRefs(v, p, refs, secretPaths);
                }
            }
        }
    }

    /**
     * Binds section by section, so a file with errors in several sections gets all of them reported
     * at once (within one section the first error stops it).
     */
    private VoiceGateConfig bind(ObjectNode tree, List<String> errors) {
        java.lang.reflect.RecordComponent[] sections = VoiceGateConfig.class.getRecordComponents();
        Map<String, Class<?>> types = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : sections) {
            types.put(c.getName(), c.getType());
        }
        tree.fieldNames().forEachRemaining(name -> {
            if (!types.containsKey(name)) {
                errors.add(name + ": unknown section (expected one of: " + String.join(", ", types.keySet()) + ")");
            }
        });
        Object[] values = new Object[sections.length];
        int i = 0;
        for (Map.Entry<String, Class<?>> section : types.entrySet()) {
            JsonNode node = tree.get(section.getKey());
            if (node != null && !node.isNull()) {
                try {
                    values[i] = yaml.readerFor(section.getValue()).withAttribute(SECTION, section.getKey())
                            .readValue(yaml.treeAsTokens(node));
                } catch (JsonProcessingException e) {
                    errors.addAll(configCause(e).map(ConfigException::problems)
                            .orElseGet(() -> translate(e, section.getKey()).problems()));
                } catch (IOException e) {
                    errors.add(section.getKey() + ": " + e.getMessage());
                } catch (ConfigException e) {
                    errors.addAll(e.problems());
                }
            }
            i++;
        }
        // Sections that failed take their defaults here, so the libraries' checks of the others still run.
        try {
            return new VoiceGateConfig((AudioHookSection) values[0], (AdminSection) values[1], (GatingSection) values[2],
                    (GenesysSection) values[3], (TransactionsSection) values[4], (RetentionSection) values[5],
                    (AgentSection) values[6], (BiometricsSection) values[7],
                    (ClusterSection) values[8]);
        } catch (ConfigException e) {
            if (values[0] != null || tree.get("audiohook") == null) {
                errors.addAll(0, e.problems());
            }
            return null;
        }
    }

    private static java.util.Optional<ConfigException> configCause(Throwable e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConfigException ce) {
                return java.util.Optional.of(ce);
            }
        }
        return java.util.Optional.empty();
    }

    private static ConfigException translate(JsonProcessingException ex, String section) {
        if (ex instanceof UnrecognizedPropertyException e) {
            return new ConfigException(pathOf(e, section) + ": unknown key (expected one of: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        }
        if (ex instanceof ValueInstantiationException e) {
            Throwable c = e.getCause();
            return new ConfigException(pathOf(e, section) + ": " + (c == null ? e.getOriginalMessage() : c.getMessage()), e);
        }
        if (ex instanceof InvalidFormatException e) {
            return ConfigException.invalid(pathOf(e, section), "\"" + e.getValue() + "\"", describe(e.getTargetType()));
        }
        if (ex instanceof MismatchedInputException e) {
            return ConfigException.invalid(pathOf(e, section), "wrong shape", describe(e.getTargetType()));
        }
        return new ConfigException("configuration: " + ex.getOriginalMessage(), ex);
    }

    private String render(VoiceGateConfig config, Set<String> secretPaths) {
        ObjectNode tree = yaml.valueToTree(config);
        mask(tree, "", secretPaths);
        try {
            return yaml.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render config", e);
        }
    }

    private static void mask(JsonNode node, String path, Set<String> secretPaths) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String p = path.isEmpty() ? name : path + "." + name;
                JsonNode v = obj.get(name);
                if (v.isValueNode() && !v.isNull()) {
                    boolean secret = secretPaths.contains(p) || Masking.isSecretPath(p);
                    if (secret && !(v.isTextual() && v.asText().isEmpty())) {
                        obj.put(name, "<masked>");
                    } else if (name.equals("key") && path.contains("apiKeys")) {
                        obj.put(name, Masking.partial(v.asText()));
                    }
                } else {
                    mask(v, p, secretPaths);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                mask(arr.get(i), path + "[" + i + "]", secretPaths);
            }
        }
    }

    static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        return pathOf(e, "");
    }

    static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e, String section) {
        StringBuilder sb = new StringBuilder(section);
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "configuration" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true | false";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    /** Durations accept {@code 10s}-style and ISO-8601 text; the error names the key. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object section = ctxt.getAttribute(SECTION);
            String inner = keyPath(p.getParsingContext());
            String key = section == null ? inner : inner.isEmpty() ? section.toString() : section + "." + inner;
            if (p.currentToken().isNumeric()) {
                throw ConfigException.invalid(key, p.getText(), "a duration with a unit such as 500ms, 10s, 5m (a bare number is ambiguous)");
            }
            return Durations.parse(key, p.getValueAsString());
        }

        private static String keyPath(JsonStreamContext ctx) {
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    parts.add(0, c.getCurrentName());
                }
            }
            return String.join(".", parts);
        }
    }
}
