package dev.voicegate.core.config;

import dev.voicegate.audiohook.config.AudioHookServerConfig;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.genesys.config.GenesysConfig;
import dev.voicegate.notifier.config.NotifierConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The libraries' own config records, built from the YAML sections in one pass before anything starts.
 * Each library owns its defaults and ranges; this class only translates (YAML key names are the
 * libraries' message keys) and collects every error, so {@code voicegate config} and {@code serve}
 * refuse the same files with the same messages, all at once.
 *
 * @param audiohook the AudioHook server's config
 * @param agent     the agent notifier's config
 * @param engine    the voiceprint engine's config
 * @param store     the store's config, or {@code null} when biometrics are off
 * @param genesys   the Genesys client's config, or {@code null} in open mode (or gated with the demo's simulated org)
 * @param admin     the admin server's limits
 * @param postgres  the PostgreSQL store's connection when {@code biometrics.store} is {@code postgres}, else {@code null}
 *                  (the embedded SQLite store under {@code store.dataDir()})
 * @param model     the x-vector back-end file of {@code biometrics.model} (checked), or {@code null} for the shipped one
 */
public record ComponentConfigs(AudioHookServerConfig audiohook, NotifierConfig agent, EngineConfig engine,
                               StoreConfig store, GenesysConfig genesys, dev.voicegate.core.admin.AdminLimits admin,
                               PostgresStoreConfig postgres, Path model) {

    /**
     * @throws ConfigException listing every problem found, one per line
     */
    public static ComponentConfigs of(VoiceGateConfig c) {
        List<String> errors = new ArrayList<>();
        AudioHookServerConfig audiohook = attempt(errors, () -> c.audiohook().toServerConfig());
        NotifierConfig agent = attempt(errors, () -> {
            NotifierConfig d = NotifierConfig.defaults();
            return new NotifierConfig(c.agent().host(), c.agent().port(),
                    d.limits().withMaxTokenLifetime(c.agent().maxTokenLifetime()), d.frameAncestors(),
                    c.agent().handshakeLimits());
        });
        EngineConfig engine = attempt(errors, () -> c.biometrics().toEngineConfig());
        StoreConfig store = !c.biometrics().enabled() ? null : attempt(errors, () -> {
            Map<String, byte[]> keys = new LinkedHashMap<>();
            c.biometrics().encryptionKeys().forEach(k -> keys.put(k.id(), k.bytes()));
            return new StoreConfig(Path.of(c.biometrics().dataDir()), keys, c.biometrics().activeKeyId(),
                    StoreConfig.DEFAULT_FINGERPRINT_CAP, StoreConfig.DEFAULT_POOL_SIZE, c.biometrics().pseudonymKeyBytes());
        });
        GenesysConfig genesys = c.gating().modeValue() != GatingSection.Mode.GATED || !c.genesys().configured()
                ? null : attempt(errors, () -> c.genesys().toClientConfig());
        dev.voicegate.core.admin.AdminLimits admin = attempt(errors, () -> c.admin().toLimits());
        PostgresStoreConfig postgres = !c.biometrics().enabled() ? null : attempt(errors, () -> c.biometrics().toPostgresConfig());
        Path model = attempt(errors, () -> c.biometrics().modelFile());
        ConfigException.throwIfAny(errors);
        return new ComponentConfigs(audiohook, agent, engine, store, genesys, admin, postgres, model);
    }

    private static <T> T attempt(List<String> errors, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigException e) {
            errors.addAll(e.problems());
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(e.getMessage());
        }
        return null;
    }
}
