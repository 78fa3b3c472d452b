package dev.voicegate.biometrics.internal.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A trial list: {@code enroll_wav<TAB>test_wav<TAB>target|nontarget}, paths relative to the list, header allowed. */
public final class Trials {

    /** One trial. */
    public record Trial(Path enroll, Path test, boolean target) {
    }

    private Trials() {
    }

    /** Parses a list; a malformed line fails with the file and line number. */
    public static List<Trial> read(Path tsv) throws IOException {
        Path base = tsv.toAbsolutePath().getParent();
        List<Trial> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith("enroll"))) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3 || !(f[2].equals("target") || f[2].equals("nontarget"))) {
                throw new IllegalArgumentException(tsv + ":" + (i + 1)
                        + ": malformed trial (expected: enroll_wav<TAB>test_wav<TAB>target|nontarget)");
            }
            out.add(new Trial(base.resolve(f[0]), base.resolve(f[1]), f[2].equals("target")));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(tsv + ": no trials");
        }
        return out;
    }
}
