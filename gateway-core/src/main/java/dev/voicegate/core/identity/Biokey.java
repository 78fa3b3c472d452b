package dev.voicegate.core.identity;

import java.util.Locale;
import java.util.Objects;

/**
 * A key under which a person's voiceprint is stored: a kind and a normalised value, written
 * {@code kind:value} (e.g. {@code phone:+35315550123}, {@code customer:C-1042}). The phone form is
 * personal data: {@link #toString()} masks it, so a biokey can be logged safely.
 */
public record Biokey(Kind kind, String value) {

    /** Where the claimed identity came from. */
    public enum Kind {
        /** The caller's number in E.164. */
        PHONE,
        /** A customer id collected by the IVR (a participant attribute). */
        CUSTOMER,
        /** Typed in by the agent. */
        AGENT_ENTERED;

        String prefix() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Biokey {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("value: '" + value + "' (expected: non-blank)");
        }
        value = value.strip();
    }

    /** The stored form, {@code kind:value}. */
    public String key() {
        return kind.prefix() + ":" + value;
    }

    @Override
    public String toString() {
        return kind == Kind.PHONE ? kind.prefix() + ":" + Masked.phone(value) : key();
    }
}
