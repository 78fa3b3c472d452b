package dev.voicegate.audiohook.auth;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An RFC 8941 bare item (§3.3): Integer, Decimal, String, Token, Byte Sequence or Boolean.
 *
 * <p>Immutable and thread-safe. Values are validated on construction against the RFC 8941 ranges
 * and character sets, so any instance can be serialised by {@link StructuredFieldSerializer}.
 */
public sealed interface SfBareItem {

    /** An sf-integer (§3.3.1): at most 15 decimal digits. */
    record Int(long value) implements SfBareItem {
        /** Largest magnitude RFC 8941 allows. */
        public static final long MAX = 999_999_999_999_999L;

        public Int {
            if (value > MAX || value < -MAX) {
                throw new StructuredFieldException("integer out of range: " + value);
            }
        }
    }

    /** An sf-decimal (§3.3.2): at most 12 integer and 3 fractional digits. */
    record Dec(BigDecimal value) implements SfBareItem {
        public Dec {
            Objects.requireNonNull(value, "value");
            if (value.abs().compareTo(new BigDecimal("999999999999.999")) > 0) {
                throw new StructuredFieldException("decimal out of range: " + value);
            }
        }
    }

    /** An sf-string (§3.3.3): printable ASCII only. */
    record Str(String value) implements SfBareItem {
        public Str {
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new StructuredFieldException("string has a character outside printable ASCII at index " + i);
                }
            }
        }
    }

    /** An sf-token (§3.3.4). */
    record Token(String value) implements SfBareItem {
        public Token {
            Objects.requireNonNull(value, "value");
            if (value.isEmpty() || !SfChars.isTokenStart(value.charAt(0))) {
                throw new StructuredFieldException("token must start with ALPHA or '*': \"" + value + "\"");
            }
            for (int i = 1; i < value.length(); i++) {
                if (!SfChars.isTokenChar(value.charAt(i))) {
                    throw new StructuredFieldException("token has an invalid character at index " + i);
                }
            }
        }
    }

    /** An sf-binary byte sequence (§3.3.5). The array is copied in and out. */
    record Bytes(byte[] value) implements SfBareItem {
        public Bytes {
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Number of bytes, without copying. */
        public int length() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }

        String base64() {
            return Base64.getEncoder().encodeToString(value);
        }
    }

    /** An sf-boolean (§3.3.6). */
    record Bool(boolean value) implements SfBareItem {
        /** {@code ?1}, also the implicit value of a bare parameter or dictionary key. */
        public static final Bool TRUE = new Bool(true);
    }
}
