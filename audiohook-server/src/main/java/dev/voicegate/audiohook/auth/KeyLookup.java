package dev.voicegate.audiohook.auth;

import java.util.Objects;

/**
 * What a {@link KeyResolver} found for a signature's parameters.
 *
 * <p>{@link Found} and {@link Unknown} both lead to an HMAC computation so that the time taken does
 * not tell a caller whether a key exists (fact sheet §1.2); {@link Rejected} ends verification at once.
 */
public sealed interface KeyLookup {

    /**
     * A known key.
     *
     * @param key the raw HMAC key (the base64-decoded secret; may be empty); not copied, never logged
     * @param alg the algorithm bound to the key, or {@code null} to use the {@code alg} parameter
     */
    record Found(byte[] key, String alg) implements KeyLookup {
        public Found {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "Found[key=<redacted>, alg=" + alg + "]";
        }
    }

    /** No such key: the MAC is computed with a random key and the result is forced to FAILED. */
    record Unknown() implements KeyLookup {
    }

    /**
     * The parameters are unacceptable before any MAC is computed.
     *
     * @param result the code to report
     * @param reason a short operator-readable reason
     */
    record Rejected(SignatureResult result, String reason) implements KeyLookup {
        public Rejected {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
