package dev.voicegate.core.identity;

/** Masking of personal identifiers for logs: keeps the country prefix and the last two digits. */
public final class Masked {
    private Masked() {
    }

    /** {@code +35315550123} → {@code +35*******23}; anything short → {@code ***}. */
    public static String phone(String number) {
        if (number == null) {
            return "null";
        }
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() < 6) {
            return "***";
        }
        return (number.strip().startsWith("+") ? "+" : "") + digits.substring(0, 2)
                + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }
}
