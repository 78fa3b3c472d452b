package dev.voicegate.biometrics.xvector.backend;

import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.xvector.XvectorModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole-file x-vectors of many WAV files, cached in a TSV ({@code key<TAB>sha256<TAB>net_seconds<TAB>v1,v2,…}, one
 * line per file, sorted by key) so that training and evaluation tools can iterate fast. An entry is reused only when
 * the file's SHA-256 is unchanged; values are written with {@link Float#toString} (exact round trip), so a cached
 * vector equals a recomputed one. Files without speech get an empty vector field. For tools: not thread-safe.
 */
public final class EmbeddingCache {

    private record Entry(String sha256, double net, float[] vector) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    private EmbeddingCache(Path file) {
        this.file = file;
    }

    /** Opens (or starts) a cache file; a malformed line fails with the file and line number. */
    public static EmbeddingCache open(Path file) {
        EmbeddingCache c = new EmbeddingCache(file);
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String[] f = lines.get(i).split("\t", -1);
                    if (f.length != 4) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": malformed cache line (expected 4 fields)");
                    }
                    float[] v;
                    if (f[3].isEmpty()) {
                        v = null;
                    } else {
                        String[] xs = f[3].split(",");
                        v = new float[xs.length];
                        for (int k = 0; k < xs.length; k++) {
                            v[k] = Float.parseFloat(xs[k]);
                        }
                    }
                    c.entries.put(f[0], new Entry(f[1], Double.parseDouble(f[2]), v));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read", e);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": malformed number in the cache: " + e.getMessage(), e);
            }
        }
        return c;
    }

    /**
     * The embedding of every file ({@code key → path}), computing those missing or changed in parallel on the
     * common pool, then saving the cache. Files without speech map to an empty Optional.
     */
    public Map<String, Optional<WavEmbedder.Embedding>> embedAll(XvectorModel model, Map<String, Path> files,
            java.io.PrintStream progress) {
        Map<String, Optional<WavEmbedder.Embedding>> out = new ConcurrentHashMap<>();
        AtomicInteger computed = new AtomicInteger();
        List<String> keys = new ArrayList<>(files.keySet());
        Map<String, Entry> fresh = new ConcurrentHashMap<>();
        keys.parallelStream().forEach(k -> {
            Path p = files.get(k);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": cannot read", e);
            }
            String sha = sha256(bytes);
            Entry e;
            synchronized (entries) {
                e = entries.get(k);
            }
            if (e == null || !e.sha256().equals(sha)) {
                Optional<WavEmbedder.Embedding> emb = WavEmbedder.embed(model, WavReader.read(p).samples8k());
                e = new Entry(sha, emb.map(WavEmbedder.Embedding::netSpeechSeconds).orElse(0.0),
                        emb.map(WavEmbedder.Embedding::vector).orElse(null));
                fresh.put(k, e);
                int n = computed.incrementAndGet();
                if (progress != null && n % 500 == 0) {
                    progress.println("  embedded " + n + " files");
                }
            }
            Entry fe = e;
            out.put(k, fe.vector() == null ? Optional.empty()
                    : Optional.of(new WavEmbedder.Embedding(fe.vector().clone(), fe.net())));
        });
        entries.putAll(fresh);
        if (!fresh.isEmpty()) {
            save();
        }
        if (progress != null) {
            progress.println("  " + files.size() + " files: " + (files.size() - fresh.size()) + " from the cache, "
                    + fresh.size() + " embedded");
        }
        return new TreeMap<>(out);
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    StringBuilder s = new StringBuilder();
                    s.append(e.getKey()).append('\t').append(e.getValue().sha256()).append('\t')
                            .append(e.getValue().net()).append('\t');
                    float[] v = e.getValue().vector();
                    if (v != null) {
                        for (int i = 0; i < v.length; i++) {
                            if (i > 0) {
                                s.append(',');
                            }
                            s.append(Float.toString(v[i]));
                        }
                    }
                    w.write(s.append('\n').toString());
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the cache", e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Keys currently cached (for tests). */
    Collection<String> keys() {
        return entries.keySet();
    }
}
