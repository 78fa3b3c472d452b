package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;
import java.util.Arrays;

/**
 * An audio fingerprint of recent verification audio of a biokey, for replay detection
 * ({@code LiveVoiceResult=SPOOFED} when the same recording is played again). Encrypted at rest.
 *
 * @param fingerprint the fingerprint bytes (copied in and out; never logged)
 * @param at          when the audio was captured
 */
public record ReplayFingerprint(byte[] fingerprint, Instant at) {

    public ReplayFingerprint {
        fingerprint = Checks.blob("fingerprint", fingerprint);
        Checks.time("at", at);
    }

    /** A copy of the fingerprint bytes. */
    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayFingerprint f && Arrays.equals(fingerprint, f.fingerprint) && at.equals(f.at);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fingerprint) + at.hashCode();
    }

    @Override
    public String toString() {
        return "ReplayFingerprint[bytes=" + fingerprint.length + ", at=" + at + "]";
    }
}
