package dev.voicegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's configuration reference cannot drift from the code: every default it writes in
 * backticks equals the effective value of a config that sets nothing but an API key, and every key
 * of the effective config has a row.
 */
class ReadmeConfigTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`(?: / `[^|]+`)*) \\| ([^|]*(?:\\\\\\|[^|]*)*) \\|");
    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");

    @TempDir
    Path dir;

    private JsonNode effective() throws Exception {
        Path f = dir.resolve("minimal.yaml");
        Files.writeString(f, "audiohook:\n  apiKeys: [{key: \"k1\", secret: \"\"}]\ngating: {mode: open}\n");
        String yaml = new ConfigLoader(Map.of()).load(f).maskedYaml();
        return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    }

    private static List<String[]> rows() throws Exception {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int from = lines.indexOf("### Reference");
        assertThat(from).as("README has a '### Reference' table").isNotNegative();
        for (String line : lines.subList(from + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            Matcher k = TICKED.matcher(m.group(1));
            String section = null;
            while (k.find()) {
                String key = k.group(1);
                if (section == null) {
                    section = key.substring(0, key.indexOf('.'));
                }
                keys.add(key.contains(".") ? key : section + "." + key);
            }
            String[] defaults = m.group(2).trim().split(" / ");
            for (int i = 0; i < keys.size(); i++) {
                out.add(new String[] {keys.get(i), defaults.length == keys.size() ? defaults[i].trim() : ""});
            }
        }
        return out;
    }

    private static JsonNode at(JsonNode root, String key) {
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    private static boolean sameDuration(String a, String b) {
        try {
            return Durations.parse("a", a).equals(Durations.parse("b", b));
        } catch (ConfigException e) {
            return false;
        }
    }

    private static String render(JsonNode n) {
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(v -> items.add(v.asText()));
            return "[" + String.join(", ", items) + "]";
        }
        return n.asText();
    }

    @Test
    void everyDefaultTheReadmeStatesIsTheEffectiveDefault() throws Exception {
        JsonNode effective = effective();
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (String[] row : rows()) {
            Matcher t = Pattern.compile("^`([^`]*)`").matcher(row[1]);
            JsonNode actual = at(effective, row[0]);
            if (!t.find() || actual == null || row[0].equals("audiohook.apiKeys") || row[0].equals("gating.mode")) {
                continue; // the two values the minimal file sets
            }
            checked++;
            if (!t.group(1).equals(render(actual)) && !sameDuration(t.group(1), render(actual))) {
                wrong.add(row[0] + ": README says " + t.group(1) + ", the code " + render(actual));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).as("rows whose default was compared").isGreaterThanOrEqualTo(35);
    }

    @Test
    void everyKeyOfTheEffectiveConfigHasARow() throws Exception {
        TreeSet<String> documented = new TreeSet<>();
        rows().forEach(r -> documented.add(r[0]));
        TreeSet<String> missing = new TreeSet<>();
        JsonNode effective = effective();
        for (Iterator<Map.Entry<String, JsonNode>> s = effective.fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> section = s.next();
            section.getValue().fields().forEachRemaining(k -> {
                String key = section.getKey() + "." + k.getKey();
                if (documented.contains(key)) {
                    return;
                }
                if (k.getValue().isObject()) { // a nested mapping (biometrics.thresholds): a row per key inside it
                    k.getValue().fieldNames().forEachRemaining(inner -> {
                        if (!documented.contains(key + "." + inner)) {
                            missing.add(key + "." + inner);
                        }
                    });
                } else {
                    missing.add(key);
                }
            });
        }
        assertThat(missing).isEmpty();
    }
}
