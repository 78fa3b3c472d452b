package dev.voicegate.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code ${env:NAME}} and {@code ${file:/path}} references inside config strings. */
final class SecretReferences {
    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private final Map<String, String> env;

    SecretReferences(Map<String, String> env) {
        this.env = env;
    }

    static boolean hasReference(String value) {
        return REF.matcher(value).find();
    }

    /** @param key for error messages; the value itself is never echoed (it may be a secret) */
    String resolve(String key, String raw) {
        Matcher m = REF.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2).trim();
            String value = kind.equals("env") ? fromEnv(key, name) : fromFile(key, name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String fromEnv(String key, String name) {
        if (name.isEmpty()) {
            throw ConfigException.invalid(key, "${env:}", "${env:NAME} with a variable name");
        }
        String v = env.get(name);
        if (v == null) {
            throw ConfigException.invalid(key, "${env:" + name + "}", "environment variable " + name + " to be set");
        }
        return v;
    }

    private static String fromFile(String key, String name) {
        Path p = Path.of(name);
        try {
            String v = Files.readString(p);
            return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
        } catch (IOException e) {
            throw ConfigException.invalid(key, "${file:" + name + "}", "a readable file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
