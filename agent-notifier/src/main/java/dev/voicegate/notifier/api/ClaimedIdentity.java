package dev.voicegate.notifier.api;

import java.util.Objects;

/**
 * The caller's claimed identity as shown to the agent. A {@link BiokeyKind#PHONE} value is masked
 * by the constructor (country prefix and last three digits kept: {@code +44•••••••123}), so an
 * unmasked phone number can never reach an agent's browser through this type.
 *
 * @param kind  what kind of biokey
 * @param value the display value (masked for PHONE)
 */
public record ClaimedIdentity(BiokeyKind kind, String value) {

    private static final char BULLET = '\u2022';

    public ClaimedIdentity {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("value: '" + value + "' (expected: non-blank)");
        }
        if (kind == BiokeyKind.PHONE) {
            value = maskPhone(value);
        }
    }

    /** Masks a phone number: keeps a leading '+', the first two and the last three digits. */
    public static String maskPhone(String phone) {
        if (phone.indexOf(BULLET) >= 0) {
            return phone; // already masked
        }
        String digits = phone.replaceAll("[^0-9]", "");
        StringBuilder out = new StringBuilder(phone.strip().startsWith("+") ? "+" : "");
        if (digits.length() <= 6) {
            return out.append(String.valueOf(BULLET).repeat(Math.max(digits.length(), 1))).toString();
        }
        return out.append(digits, 0, 2)
                .append(String.valueOf(BULLET).repeat(digits.length() - 5))
                .append(digits, digits.length() - 3, digits.length())
                .toString();
    }
}
