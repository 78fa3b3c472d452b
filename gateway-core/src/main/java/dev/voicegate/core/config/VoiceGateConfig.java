package dev.voicegate.core.config;

/**
 * The whole configuration, as read by {@link ConfigLoader} from {@code voicegate.yaml} plus
 * {@code VOICEGATE_*} environment overrides. Immutable; every section is validated when built and
 * absent sections take their documented defaults. The README's configuration reference lists each key.
 */
public record VoiceGateConfig(AudioHookSection audiohook, AdminSection admin, GatingSection gating, GenesysSection genesys,
                              TransactionsSection transactions, RetentionSection retention, AgentSection agent,
                              BiometricsSection biometrics, ClusterSection cluster) {
    /** Every section but {@code cluster} (off). */
    public VoiceGateConfig(AudioHookSection audiohook, AdminSection admin, GatingSection gating, GenesysSection genesys,
                           TransactionsSection transactions, RetentionSection retention, AgentSection agent,
                           BiometricsSection biometrics) {
        this(audiohook, admin, gating, genesys, transactions, retention, agent, biometrics, null);
    }

    public VoiceGateConfig {
        audiohook = audiohook == null ? new AudioHookSection(null, null, null, null, null, null, null, null, null, null, null, null, null) : audiohook;
        admin = admin == null ? new AdminSection(null, null) : admin;
        gating = gating == null ? new GatingSection(null, null, null, null) : gating;
        genesys = genesys == null ? new GenesysSection(null, null, null, null, null, null, null, null, null) : genesys;
        transactions = transactions == null ? new TransactionsSection(null, null, null, null, null, null, null, null) : transactions;
        retention = retention == null ? new RetentionSection(null, null, null) : retention;
        agent = agent == null ? new AgentSection(null, null, null, null, null, null, null) : agent;
        biometrics = biometrics == null ? new BiometricsSection(null, null, null, null, null, null, null) : biometrics;
        cluster = cluster == null ? ClusterSection.off() : cluster;
        if (cluster.enabled() && !biometrics.store().equals(BiometricsSection.POSTGRES)) {
            throw ConfigException.invalid("cluster.enabled", "true", "biometrics.store: postgres as well (the instances"
                    + " share that database and coordinate through it; biometrics.store is " + biometrics.store() + ")");
        }
        if (cluster.enabled() && !biometrics.enabled()) {
            throw ConfigException.invalid("cluster.enabled", "true", "biometrics.encryptionKeys as well (messages between"
                    + " instances are sealed with the active key)");
        }
        if (audiohook.apiKeys().isEmpty()) {
            throw ConfigException.invalid("audiohook.apiKeys", "[]",
                    "at least one {key, secret} — the API key and client secret of the Genesys AudioHook integration");
        }
    }

    /**
     * Gated mode against a real organisation needs Genesys credentials and at least one group or
     * queue. Checked when a config file is loaded and when the gateway starts with the real Genesys
     * client (the demo's simulated organisation needs none).
     */
    public void requireGenesysForGating() {
        if (gating.modeValue() == GatingSection.Mode.GATED && !genesys.configured()) {
            throw new ConfigException("gating.mode: gated needs Genesys credentials and at least one group or queue; missing: "
                    + String.join(", ", genesys.missing())
                    + " (or set gating.mode: open to resume every stream)");
        }
    }
}
