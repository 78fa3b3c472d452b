package dev.voicegate.core.cli;

import dev.voicegate.biometrics.cli.EnrollCommand;
import dev.voicegate.biometrics.cli.EvalCommand;
import dev.voicegate.biometrics.cli.IdentifyCommand;
import dev.voicegate.biometrics.cli.ScoreCommand;
import dev.voicegate.biometrics.cli.TrainCommand;
import dev.voicegate.biometrics.cli.VerifyCommand;
import dev.voicegate.biometrics.store.ReencryptionReport;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.core.config.ConfigLoader;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.core.demo.DemoCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registers the commands implemented elsewhere: the demo, the engine's operator tools, re-encryption. */
final class EngineCommands {
    private EngineCommands() {
    }

    static void registerAll() {
        Commands.register("demo", "simulated Genesys org + callers + agent app: demo [--duration 30s] [--seed N]", DemoCommand::run);
        Commands.register("score", "score two WAVs: score ENROLL.wav TEST.wav [--channel left|right]", ScoreCommand::run);
        Commands.register("eval", "evaluate trials: eval TRIALS.tsv [--det det.png] [--json]", EvalCommand::run);
        Commands.register("enroll", "enroll a WAV under a biokey in a store (operators)", EnrollCommand::run);
        Commands.register("verify", "verify a WAV against a biokey in a store (operators)", VerifyCommand::run);
        Commands.register("identify", "search a store for the speaker of a WAV (operators)", IdentifyCommand::run);
        Commands.register("train", "train the engine's background model from a corpus", TrainCommand::run);
        Commands.register("reencrypt", "re-encrypt every stored record under another key: reencrypt --config FILE --to KEY_ID",
                EngineCommands::reencrypt);
    }

    private static int reencrypt(String[] args, PrintStream out, PrintStream err) {
        String to = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--to")) {
                to = args[i + 1];
            }
        }
        if (to == null) {
            throw new Commands.UsageException("--to KEY_ID is required (a key listed in biometrics.encryptionKeys)");
        }
        VoiceGateConfig c = new ConfigLoader(System.getenv()).load(Commands.configPath(args)).config();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        c.biometrics().encryptionKeys().forEach(k -> keys.put(k.id(), k.bytes()));
        if (!keys.containsKey(to)) {
            throw new Commands.UsageException("--to " + to + ": not one of biometrics.encryptionKeys " + keys.keySet());
        }
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(
                StoreConfig.of(Path.of(c.biometrics().dataDir()), keys, c.biometrics().activeKeyId()), Clock.systemUTC())) {
            ReencryptionReport r = store.reencryptAll(to);
            out.println(r);
            out.println("now set biometrics.activeKeyId: " + to + " so new records use it after a restart");
            return Commands.OK;
        }
    }
}
