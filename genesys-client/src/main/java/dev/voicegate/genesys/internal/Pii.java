package dev.voicegate.genesys.internal;

/** Masking of phone numbers and other addresses for logs. */
public final class Pii {
    private Pii() {
    }

    /** {@code tel:+35315550123} → {@code tel:+********123}; keeps the scheme and the last 3 digits. */
    public static String maskAddress(String address) {
        if (address == null) {
            return null;
        }
        int start = address.indexOf(':') + 1;
        StringBuilder sb = new StringBuilder(address.length());
        sb.append(address, 0, start);
        int keepFrom = address.length() - 3;
        for (int i = start; i < address.length(); i++) {
            char c = address.charAt(i);
            sb.append(i >= keepFrom || !Character.isLetterOrDigit(c) ? c : '*');
        }
        return sb.toString();
    }
}
