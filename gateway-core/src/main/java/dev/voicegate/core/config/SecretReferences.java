package dev.voicegate.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}} references inside config strings. A file
 * reference is for secrets mounted as files (Docker/Kubernetes secrets): only keys that hold secrets may
 * use it, only a regular file of at most {@value #MAX_FILE_BYTES} bytes is read, and its content is never
 * echoed. Every resolved value is remembered so error messages can mask it.
 */
final class SecretReferences {
    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    /** Largest secret file read (a key or a password is a few hundred bytes). */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private final Map<String, String> env;
    private final java.util.Set<String> resolved = new java.util.HashSet<>();

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
            if (!value.isBlank()) {
                resolved.add(value.strip());
            }
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

    /** Replaces every resolved value in a message by {@code <masked>} (a reference's value is never shown). */
    String mask(String message) {
        String out = message;
        for (String v : resolved) {
            out = out.replace(v, "<masked>");
        }
        return out;
    }

    private static String fromFile(String key, String name) {
        if (!Masking.isSecretPath(key.replaceAll("\\[[^]]*]", "[0]"))) {
            throw ConfigException.invalid(key, "${file:" + name + "}",
                    "a literal value or ${env:NAME}; ${file:} references are for secrets (keys, passwords, client secrets) only");
        }
        Path p = Path.of(name);
        try {
            if (!Files.isRegularFile(p)) {
                throw ConfigException.invalid(key, "${file:" + name + "}", "a regular file");
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(p)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw ConfigException.invalid(key, "${file:" + name + "}", "a file of at most " + MAX_FILE_BYTES + " bytes");
            }
            String v = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
        } catch (IOException e) {
            throw ConfigException.invalid(key, "${file:" + name + "}", "a readable file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
