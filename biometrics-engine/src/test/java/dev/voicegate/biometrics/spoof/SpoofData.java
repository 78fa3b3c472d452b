package dev.voicegate.biometrics.spoof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The clips of the detector's evaluation and its leave-one-engine-out folds.
 * Bona fide: the real-speech corpus (real-1): its {@code train} split (train/list.tsv, every condition) for
 * training, the test files of its {@code eval} speakers ({@code testNN}, {@code -mulaw}, {@code -tel}) for testing;
 * the corpus never splits an actor group between the two. Attacks: the spoof corpus (spoof-1, list.tsv), one
 * species per TTS engine.
 */
final class SpoofData {

    /** One clip. {@code source} is the real speaker's actor group, or the attack's TTS engine. */
    record Clip(Path wav, boolean bonaFide, String source, String speaker, String condition) {
    }

    /** A fold: training and test clips and the engine held out. */
    record Fold(String heldOutEngine, List<Clip> train, List<Clip> test) {
    }

    private static final Pattern TEST = Pattern.compile("test\\d+(-mulaw|-tel)?\\.wav");

    private SpoofData() {
    }

    /** Real train clips (train split, from train/list.tsv) and real eval test clips, with their actor groups. */
    static List<Clip> realClips(Path realCorpus) {
        Map<String, String> group = new HashMap<>();
        Map<String, String> split = new HashMap<>();
        for (String[] r : rows(realCorpus.resolve("speakers.tsv"))) {
            group.put(r[0], r[1]);
            split.put(r[0], r[7]);
        }
        List<Clip> out = new ArrayList<>();
        for (String[] r : rows(realCorpus.resolve("train/list.tsv"))) {
            require("train".equals(split.get(r[0])), "speaker " + r[0] + " of train/list.tsv is not in the train split");
            out.add(new Clip(realCorpus.resolve("train").resolve(r[1]), true, group.get(r[0]), r[0], r[2]));
        }
        List<String> evalSpeakers = new ArrayList<>();
        split.forEach((s, sp) -> {
            if ("eval".equals(sp)) {
                evalSpeakers.add(s);
            }
        });
        evalSpeakers.sort(null);
        for (String s : evalSpeakers) {
            Path dir = realCorpus.resolve("eval").resolve(s);
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (TEST.matcher(n).matches()) {
                        String cond = n.contains("-mulaw") ? "mulaw" : n.contains("-tel") ? "telephone" : "clean";
                        out.add(new Clip(f, true, group.get(s), s, "eval:" + cond));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The spoof corpus's clips (list.tsv: engine, voice, wav, condition, ...). */
    static List<Clip> spoofClips(Path spoofCorpus) {
        List<Clip> out = new ArrayList<>();
        for (String[] r : rows(spoofCorpus.resolve("list.tsv"))) {
            out.add(new Clip(spoofCorpus.resolve(r[2]), false, r[0], r[0] + "/" + r[1], r[3]));
        }
        return out;
    }

    /** Whether a real clip belongs to the corpus's eval speakers (test side). */
    static boolean isRealEval(Clip c) {
        return c.bonaFide() && c.condition().startsWith("eval:");
    }

    /**
     * Leave-one-engine-out: for each engine E, train on the real train speakers and every other engine's
     * attacks, test on the real eval speakers and E's attacks. Checks the fold is engine-, speaker- and
     * actor-group-disjoint and throws if not.
     */
    static List<Fold> leaveOneEngineOut(List<Clip> real, List<Clip> spoof) {
        List<String> engines = spoof.stream().map(Clip::source).distinct().sorted().toList();
        require(engines.size() >= 2, "attack engines: " + engines + " (expected: at least two to hold one out)");
        List<Fold> folds = new ArrayList<>();
        for (String e : engines) {
            List<Clip> train = new ArrayList<>();
            List<Clip> test = new ArrayList<>();
            for (Clip c : real) {
                (isRealEval(c) ? test : train).add(c);
            }
            for (Clip c : spoof) {
                (c.source().equals(e) ? test : train).add(c);
            }
            Fold f = new Fold(e, train, test);
            checkDisjoint(f);
            folds.add(f);
        }
        return folds;
    }

    /** Throws unless no attack engine, real speaker or real actor group is on both sides of the fold. */
    static void checkDisjoint(Fold f) {
        Set<String> trainSources = new HashSet<>();
        Set<String> trainSpeakers = new HashSet<>();
        for (Clip c : f.train()) {
            trainSources.add((c.bonaFide() ? "real:" : "tts:") + c.source());
            trainSpeakers.add(c.speaker());
        }
        for (Clip c : f.test()) {
            String s = (c.bonaFide() ? "real:" : "tts:") + c.source();
            require(!trainSources.contains(s), "fold " + f.heldOutEngine() + ": " + s + " on both sides");
            require(!trainSpeakers.contains(c.speaker()), "fold " + f.heldOutEngine() + ": speaker " + c.speaker()
                    + " on both sides");
        }
        require(f.test().stream().anyMatch(Clip::bonaFide) && f.test().stream().anyMatch(c -> !c.bonaFide()),
                "fold " + f.heldOutEngine() + ": test side needs bona fide and attack clips");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static List<String[]> rows(Path tsv) {
        try {
            List<String> lines = Files.readAllLines(tsv);
            List<String[]> out = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isBlank()) {
                    out.add(l.split("\t", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
