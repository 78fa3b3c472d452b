package dev.voicegate.core.demo;

import dev.voicegate.core.config.AdminSection;
import dev.voicegate.core.config.AgentSection;
import dev.voicegate.core.config.AudioHookSection;
import dev.voicegate.core.config.BiometricsSection;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.GenesysSection;
import dev.voicegate.core.config.RetentionSection;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.config.VoiceGateConfig;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The demo's gateway configuration, built in code: everything on loopback, gated mode against the
 * simulated organisation, and secrets that live only as long as the process (a fresh AudioHook
 * client secret, store encryption key and agent-token secret on every run).
 *
 * <p>Tuned for a story told in half a minute: verify and identify decide after 11 s of net speech
 * (the speaker-change check needs a 5 s reference plus two 4 s windows of the new voice), an
 * enrollment needs 8 s, the gate waits 5 s for a monitored agent's event, and the caller's number
 * is not used as a claimed identity (the IVR's customer id is), so every caller's story is one path.
 */
final class DemoConfig {
    static final String API_KEY = "voicegate-demo";
    static final String ORGANIZATION_ID = "de300000-0000-4000-8000-00000000d3e0";
    static final String KEY_ID = "demo-ephemeral";
    static final Duration NET_SPEECH = Duration.ofSeconds(11);

    final String audiohookSecret = randomBase64();
    final VoiceGateConfig config;

    DemoConfig(DemoOptions options, Path dataDir) {
        this.config = new VoiceGateConfig(
                new AudioHookSection("127.0.0.1", options.port(0), null, List.of(new AudioHookSection.ApiKey(API_KEY, audiohookSecret)),
                        List.of(ORGANIZATION_ID), null, 200, 50, null, Duration.ofSeconds(60), null, Duration.ofSeconds(1), null),
                new AdminSection("127.0.0.1", options.port(2)),
                new GatingSection("gated", Duration.ofSeconds(5), Duration.ofMinutes(2), 1_000),
                new GenesysSection(null, null, null, null, null, List.of(DemoCast.MONITORED_GROUP), List.of(), Duration.ofMinutes(5), true),
                new TransactionsSection("verify", NET_SPEECH, Duration.ofSeconds(20), 10, List.of(DemoCast.CUSTOMER_ID_ATTRIBUTE),
                        false, "US", "fraud"),
                new RetentionSection(Duration.ofDays(1), Duration.ofDays(1)),
                new AgentSection("127.0.0.1", options.port(1), randomBase64(), false, List.of(), null, null),
                new BiometricsSection(dataDir.toString(), List.of(new BiometricsSection.EncryptionKey(KEY_ID, randomBase64())),
                        KEY_ID, Duration.ofSeconds(8), null, 2, null));
    }

    private static String randomBase64() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
