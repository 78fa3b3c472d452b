package dev.voicegate.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code VOICEGATE_<PATH>} environment variables to the config tree. The known key paths come
 * from the config records, so {@code VOICEGATE_GATING_MATCH_TIMEOUT} maps unambiguously to
 * {@code gating.matchTimeout}. Lists of scalars take comma-separated values; lists of mappings take JSON.
 */
final class EnvOverrides {
    static final String PREFIX = "VOICEGATE_";
    /** Variables with the prefix that are not config keys (used by the launcher script). */
    private static final List<String> NOT_CONFIG = List.of("VOICEGATE_JAVA_OPTS", "VOICEGATE_CONFIG", "VOICEGATE_LOG_LEVEL");

    private final Map<String, String> env;
    private final Map<String, Leaf> leaves = new TreeMap<>();

    private record Leaf(List<String> path, Type type) {
    }

    EnvOverrides(Map<String, String> env, Class<? extends Record> root) {
        this.env = env;
        collect(root, List.of());
    }

    /** Environment name of a dotted key: {@code gating.matchTimeout} → {@code VOICEGATE_GATING_MATCH_TIMEOUT}. */
    static String envName(List<String> path) {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                sb.append('_');
            }
            sb.append(path.get(i).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private void collect(Class<?> type, List<String> prefix) {
        for (RecordComponent rc : type.getRecordComponents()) {
            List<String> path = new java.util.ArrayList<>(prefix);
            path.add(rc.getName());
            if (rc.getType().isRecord()) {
                collect(rc.getType(), path);
            } else {
                leaves.put(envName(path), new Leaf(List.copyOf(path), rc.getGenericType()));
            }
        }
    }

    void apply(ObjectNode tree, List<String> warnings) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || NOT_CONFIG.contains(name)) {
                continue;
            }
            Leaf leaf = leaves.get(name);
            if (leaf == null) {
                warnings.add("environment variable " + name + " does not name a config key; ignored");
                continue;
            }
            ObjectNode parent = tree;
            for (int i = 0; i < leaf.path().size() - 1; i++) {
                String seg = leaf.path().get(i);
                JsonNode child = parent.get(seg);
                if (!(child instanceof ObjectNode)) {
                    child = parent.putObject(seg);
                }
                parent = (ObjectNode) child;
            }
            parent.set(leaf.path().get(leaf.path().size() - 1), toNode(name, leaf, e.getValue()));
        }
    }

    private static JsonNode toNode(String name, Leaf leaf, String value) {
        if (!(leaf.type() instanceof ParameterizedType pt) || pt.getRawType() != List.class) {
            return TextNode.valueOf(value);
        }
        Type element = pt.getActualTypeArguments()[0];
        String trimmed = value.trim();
        if (element instanceof Class<?> c && c.isRecord() || trimmed.startsWith("[")) {
            try {
                JsonNode node = new ObjectMapper().readTree(trimmed);
                if (!node.isArray()) {
                    throw new IllegalArgumentException("not an array");
                }
                return node;
            } catch (Exception ex) {
                throw ConfigException.invalid(String.join(".", leaf.path()) + " (from " + name + ")", "<unparsable>",
                        "a JSON array, e.g. [{\"key\":\"...\",\"secret\":\"${env:AUDIOHOOK_SECRET}\"}]");
            }
        }
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        if (!trimmed.isEmpty()) {
            for (String part : trimmed.split(",")) {
                arr.add(part.trim());
            }
        }
        return arr;
    }
}
