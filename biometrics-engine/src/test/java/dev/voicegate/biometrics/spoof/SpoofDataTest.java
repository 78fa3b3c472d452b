package dev.voicegate.biometrics.spoof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leave-one-engine-out folds, on corpus lists laid out as the two corpus scripts write them. */
class SpoofDataTest {

    @TempDir
    Path dir;

    private Path realCorpus() throws IOException {
        Path r = dir.resolve("real");
        Files.createDirectories(r.resolve("train"));
        Files.writeString(r.resolve("speakers.tsv"), """
                speaker_id\tgroup\tpackage\tlanguage\tn_clips\tseconds\tnet_speech_seconds\tsplit
                a1\tga\tp\ten\t1\t1\t1\ttrain
                a2\tga\tp\ten\t1\t1\t1\ttrain
                b1\tgb\tp\ten\t1\t1\t1\teval
                c1\tgc\tp\ten\t1\t1\t1\teval
                u1\tgb\tp\ten\t1\t1\t1\tunused
                """);
        Files.writeString(r.resolve("train/list.tsv"), """
                speaker\twav\tcondition
                a1\ta1/u0000.wav\tclean
                a1\ta1/u0000-tel.wav\ttelephone
                a2\ta2/u0000-mulaw.wav\tmulaw
                """);
        for (String s : List.of("b1", "c1")) {
            Path d = Files.createDirectories(r.resolve("eval").resolve(s));
            for (String f : List.of("enroll.wav", "enroll-tel.wav", "test00.wav", "test00-mulaw.wav", "test00-tel.wav",
                    "test00-6s.wav", "test00-3s.wav")) {
                Files.write(d.resolve(f), new byte[0]);
            }
        }
        return r;
    }

    private Path spoofCorpus() throws IOException {
        Path s = dir.resolve("spoof");
        Files.createDirectories(s);
        Files.writeString(s.resolve("list.tsv"), """
                engine\tvoice\twav\tcondition\ttransform\tchannel
                espeak\ten+m1\tespeak/en-m1/u0000.wav\tclean\tnone\t
                espeak\ten+f1\tespeak/en-f1/u0001-tel.wav\ttelephone\tnone\tx
                flite\tkal\tflite/kal/u0000.wav\tclean\tnone\t
                festival\tvoice_kal_diphone\tfestival/kal_diphone/u0000-mulaw.wav\tmulaw\tpitch+300\tmulaw
                """);
        return s;
    }

    @Test
    void realClipsTakeTrainUnitsAndOnlyTheTestFilesOfEvalSpeakers() throws IOException {
        List<SpoofData.Clip> real = SpoofData.realClips(realCorpus());
        assertEquals(3 + 2 * 3, real.size());
        assertEquals(Set.of("a1", "a2"), real.stream().filter(c -> !SpoofData.isRealEval(c)).map(SpoofData.Clip::speaker)
                .collect(Collectors.toSet()));
        assertTrue(real.stream().noneMatch(c -> c.wav().getFileName().toString().matches("enroll.*|.*-[36]s\\.wav")));
        assertTrue(real.stream().allMatch(SpoofData.Clip::bonaFide));
    }

    @Test
    void everyFoldHoldsOutOneWholeEngineAndOnlyEvalSpeakers() throws IOException {
        List<SpoofData.Clip> real = SpoofData.realClips(realCorpus());
        List<SpoofData.Clip> spoof = SpoofData.spoofClips(spoofCorpus());
        List<SpoofData.Fold> folds = SpoofData.leaveOneEngineOut(real, spoof);
        assertEquals(List.of("espeak", "festival", "flite"), folds.stream().map(SpoofData.Fold::heldOutEngine).toList());
        for (SpoofData.Fold f : folds) {
            Set<String> testEngines = f.test().stream().filter(c -> !c.bonaFide()).map(SpoofData.Clip::source)
                    .collect(Collectors.toSet());
            Set<String> trainEngines = f.train().stream().filter(c -> !c.bonaFide()).map(SpoofData.Clip::source)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(f.heldOutEngine()), testEngines);
            assertTrue(!trainEngines.contains(f.heldOutEngine()) && trainEngines.size() == 2, trainEngines.toString());
            Set<String> trainGroups = new HashSet<>();
            f.train().stream().filter(SpoofData.Clip::bonaFide).forEach(c -> trainGroups.add(c.source()));
            assertEquals(Set.of("ga"), trainGroups);
            assertEquals(Set.of("gb", "gc"), f.test().stream().filter(SpoofData.Clip::bonaFide)
                    .map(SpoofData.Clip::source).collect(Collectors.toSet()));
            assertEquals(real.size() + spoof.size(), f.train().size() + f.test().size());
        }
    }

    @Test
    void aFoldSharingASpeakerOrAGroupIsRefused() throws IOException {
        List<SpoofData.Clip> real = SpoofData.realClips(realCorpus());
        List<SpoofData.Clip> spoof = SpoofData.spoofClips(spoofCorpus());
        SpoofData.Fold good = SpoofData.leaveOneEngineOut(real, spoof).get(0);
        SpoofData.Clip evalClip = good.test().stream().filter(SpoofData.Clip::bonaFide).findFirst().orElseThrow();
        List<SpoofData.Clip> leakyTrain = new java.util.ArrayList<>(good.train());
        leakyTrain.add(new SpoofData.Clip(dir.resolve("x.wav"), true, evalClip.source(), "other", "clean"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SpoofData.checkDisjoint(new SpoofData.Fold("espeak", leakyTrain, good.test())));
        assertTrue(e.getMessage().contains("real:" + evalClip.source()), e.getMessage());
        List<SpoofData.Clip> leakyEngine = new java.util.ArrayList<>(good.train());
        leakyEngine.add(new SpoofData.Clip(dir.resolve("y.wav"), false, "espeak", "espeak/new", "clean"));
        assertThrows(IllegalStateException.class,
                () -> SpoofData.checkDisjoint(new SpoofData.Fold("espeak", leakyEngine, good.test())));
    }

    @Test
    void oneEngineCannotBeHeldOut() throws IOException {
        List<SpoofData.Clip> real = SpoofData.realClips(realCorpus());
        List<SpoofData.Clip> espeakOnly = SpoofData.spoofClips(spoofCorpus()).stream()
                .filter(c -> c.source().equals("espeak")).toList();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SpoofData.leaveOneEngineOut(real, espeakOnly));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
    }
}
