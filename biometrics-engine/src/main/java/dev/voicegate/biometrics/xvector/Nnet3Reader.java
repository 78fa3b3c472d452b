package dev.voicegate.biometrics.xvector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Kaldi nnet3 network in binary form ({@code nnet3-copy --binary=true}, e.g. the x-vector
 * extractor {@code final.ext.raw}). Layout, from Kaldi's {@code Nnet::Read}: {@code "\0B"},
 * token {@code <Nnet3>}, a newline, the config lines up to an empty line, {@code <NumComponents>}
 * and an integer, then per component {@code <ComponentName>} name {@code <TypeName>} its fields
 * {@code </TypeName>}, and finally {@code </Nnet3>}.
 *
 * <p>Supported component types: {@code NaturalGradientAffineComponent}, {@code AffineComponent},
 * {@code RectifiedLinearComponent}, {@code BatchNormComponent}, {@code StatisticsExtractionComponent},
 * {@code StatisticsPoolingComponent}, {@code LogSoftmaxComponent}. A wrong header, a truncated
 * file, an unknown component type, a missing field or an inconsistent dimension throws one
 * {@link KaldiFormatException} naming the file and the problem. Stateless and thread-safe.
 */
public final class Nnet3Reader {

    private Nnet3Reader() {
    }

    /** Reads a network file. */
    public static Nnet3Model read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read nnet3 model", e);
        }
        return read(data, file.toString());
    }

    /** Reads a network from bytes; {@code name} is used in error messages. */
    public static Nnet3Model read(byte[] data, String name) {
        KaldiBinaryReader r = new KaldiBinaryReader(data, name);
        r.expectBinaryHeader("nnet3 model");
        String first = r.peekToken();
        if (!first.equals("<Nnet3>")) {
            throw new KaldiFormatException(name, "wrong magic: expected <Nnet3> after the binary header, found "
                    + KaldiBinaryReader.abbreviate(first)
                    + (first.startsWith("<TransitionModel>") ? " (a .mdl acoustic model, not a raw nnet3 network)" : ""));
        }
        r.token();
        // config part: text lines until an empty line
        int start = r.position();
        int end = indexOf(data, "\n\n", start);
        if (end < 0) {
            throw new KaldiFormatException(name, "truncated: the config lines have no terminating empty line");
        }
        String cfg = new String(data, start, end - start, StandardCharsets.UTF_8);
        r.position(end + 2);
        List<String> lines = new ArrayList<>();
        for (String l : cfg.split("\n")) {
            String t = l.strip();
            if (!t.isEmpty()) {
                lines.add(t);
            }
        }
        r.expectToken("<NumComponents>");
        int n = r.int32("<NumComponents>");
        if (n < 0 || n >= 100000) {
            throw r.error("impossible component count " + n);
        }
        Map<String, Nnet3Component> components = new LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            r.expectToken("<ComponentName>");
            String cname = r.token();
            Nnet3Component comp = readComponent(r, cname);
            if (components.put(cname, comp) != null) {
                throw new KaldiFormatException(name, "component '" + cname + "' appears twice");
            }
        }
        if (r.atEnd() || r.peekByte() < 0) {
            throw new KaldiFormatException(name, "truncated: missing </Nnet3> after the last component");
        }
        r.expectToken("</Nnet3>");
        return parseConfig(name, lines, components);
    }

    private static int indexOf(byte[] d, String pattern, int from) {
        byte[] p = pattern.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= d.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (d[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- components

    /** A field value as stored: a basic value's raw bits, a bool, a vector or a matrix. */
    private record Field(String token, long bits, int size, Boolean bool, float[] vector,
            KaldiBinaryReader.Matrix matrix) {
    }

    private static Nnet3Component readComponent(KaldiBinaryReader r, String cname) {
        int at = r.position();
        String type = r.token();
        if (!type.startsWith("<") || !type.endsWith(">") || type.startsWith("</")) {
            r.position(at);
            throw r.error("component '" + cname + "': expected a component type token, found "
                    + KaldiBinaryReader.abbreviate(type));
        }
        String bare = type.substring(1, type.length() - 1);
        if (!SUPPORTED.contains(bare)) {
            r.position(at);
            throw r.error("unknown component type " + type + " for component '" + cname + "' (supported: "
                    + String.join(", ", SUPPORTED) + ")");
        }
        String endToken = "</" + bare + ">";
        Map<String, Field> fields = new HashMap<>();
        while (true) {
            if (r.peekByte() < 0) {
                throw new KaldiFormatException(r.file(), "truncated: file ends inside component '" + cname + "'");
            }
            String tok = r.token();
            if (tok.equals(endToken)) {
                break;
            }
            if (!tok.startsWith("<") || !tok.endsWith(">")) {
                throw r.error("component '" + cname + "': expected a field token or " + endToken + ", found "
                        + KaldiBinaryReader.abbreviate(tok));
            }
            fields.put(tok, readField(r, cname, tok));
        }
        Fields f = new Fields(r.file(), cname, type, fields);
        return switch (bare) {
            case "NaturalGradientAffineComponent", "AffineComponent" -> {
                KaldiBinaryReader.Matrix w = f.matrix("<LinearParams>");
                float[] b = f.vector("<BiasParams>");
                if (b.length != w.rows()) {
                    throw f.error("<BiasParams> has " + b.length + " values for " + w.rows() + " outputs");
                }
                yield new Nnet3Component.Affine(cname, w.rows(), w.cols(), w.data(), b);
            }
            case "RectifiedLinearComponent" -> new Nnet3Component.Relu(cname, f.integer("<Dim>"));
            case "LogSoftmaxComponent" -> new Nnet3Component.LogSoftmax(cname, f.integer("<Dim>"));
            case "BatchNormComponent" -> {
                int dim = f.integer("<Dim>");
                int block = f.integer("<BlockDim>");
                float[] mean = f.vector("<StatsMean>");
                float[] var = f.vector("<StatsVar>");
                if (block <= 0 || dim % block != 0 || mean.length != block || var.length != block) {
                    throw f.error("inconsistent sizes: dim " + dim + ", block dim " + block + ", "
                            + mean.length + " means, " + var.length + " variances");
                }
                float count = f.real("<Count>");
                if (!(count > 0)) {
                    throw f.error("no batch-norm statistics (<Count> " + count + "): test mode is impossible");
                }
                yield new Nnet3Component.BatchNorm(cname, dim, block, f.real("<Epsilon>"), f.real("<TargetRms>"),
                        count, mean, var);
            }
            case "StatisticsExtractionComponent" -> new Nnet3Component.StatisticsExtraction(cname,
                    f.integer("<InputDim>"), f.integer("<InputPeriod>"), f.integer("<OutputPeriod>"),
                    // Kaldi writes this token misspelt; accept the correct spelling too
                    fields.containsKey("<IncludeVarinance>") ? f.bool("<IncludeVarinance>") : f.bool("<IncludeVariance>"));
            case "StatisticsPoolingComponent" -> new Nnet3Component.StatisticsPooling(cname,
                    f.integer("<InputDim>"), f.integer("<InputPeriod>"), f.integer("<LeftContext>"),
                    f.integer("<RightContext>"), f.integer("<NumLogCountFeatures>"), f.bool("<OutputStddevs>"),
                    f.real("<VarianceFloor>"));
            default -> throw new IllegalStateException(bare);
        };
    }

    private static final List<String> SUPPORTED = List.of("NaturalGradientAffineComponent", "AffineComponent",
            "RectifiedLinearComponent", "BatchNormComponent", "StatisticsExtractionComponent",
            "StatisticsPoolingComponent", "LogSoftmaxComponent");

    private static Field readField(KaldiBinaryReader r, String cname, String tok) {
        int b = r.peekByte();
        if (b == 4 || b == 8) {
            return new Field(tok, r.basicBits(tok), b, null, null, null);
        }
        int p = r.position();
        String next;
        if (b == 'F' || b == 'D' || b == 'C') {
            next = r.peekToken();
            if (next.equals("FV") || next.equals("DV")) {
                return new Field(tok, 0, 0, null, r.vector(cname + " " + tok), null);
            }
            if (next.equals("FM") || next.equals("DM") || next.startsWith("CM")) {
                return new Field(tok, 0, 0, null, null, r.matrix(cname + " " + tok));
            }
        }
        if (b == 'T' || b == 'F') {
            return new Field(tok, 0, 0, r.bool(tok), null, null);
        }
        r.position(p);
        if (b < 0) {
            throw new KaldiFormatException(r.file(), "truncated: file ends after " + tok + " in component '" + cname + "'");
        }
        throw r.error("component '" + cname + "': unreadable value after " + tok + " (byte " + b + ")");
    }

    /** Typed access to a component's fields with errors that name the component. */
    private record Fields(String file, String cname, String type, Map<String, Field> map) {

        KaldiFormatException error(String problem) {
            return new KaldiFormatException(file, "component '" + cname + "' (" + type + "): " + problem);
        }

        private Field get(String tok) {
            Field f = map.get(tok);
            if (f == null) {
                throw error("missing " + tok);
            }
            return f;
        }

        int integer(String tok) {
            Field f = get(tok);
            if (f.size() != 4) {
                throw error(tok + " is not a 4-byte integer");
            }
            return (int) f.bits();
        }

        float real(String tok) {
            Field f = get(tok);
            if (f.size() == 4) {
                return Float.intBitsToFloat((int) f.bits());
            }
            if (f.size() == 8) {
                return (float) Double.longBitsToDouble(f.bits());
            }
            throw error(tok + " is not a number");
        }

        boolean bool(String tok) {
            Field f = get(tok);
            if (f.bool() == null) {
                throw error(tok + " is not a bool");
            }
            return f.bool();
        }

        float[] vector(String tok) {
            Field f = get(tok);
            if (f.vector() == null) {
                throw error(tok + " is not a vector");
            }
            return f.vector();
        }

        KaldiBinaryReader.Matrix matrix(String tok) {
            Field f = get(tok);
            if (f.matrix() == null) {
                throw error(tok + " is not a matrix");
            }
            return f.matrix();
        }
    }

    // ---------------------------------------------------------------- config

    private static Nnet3Model parseConfig(String file, List<String> lines, Map<String, Nnet3Component> components) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        Map<String, Nnet3Model.ComponentNode> nodes = new LinkedHashMap<>();
        Map<String, Nnet3Descriptor> outputs = new LinkedHashMap<>();
        for (String line : lines) {
            int sp = line.indexOf(' ');
            String kind = sp < 0 ? line : line.substring(0, sp);
            Map<String, String> kv = keyValues(file, line, sp < 0 ? "" : line.substring(sp + 1));
            String nodeName = require(file, line, kv, "name");
            try {
                switch (kind) {
                    case "input-node" -> inputs.put(nodeName, Integer.parseInt(require(file, line, kv, "dim")));
                    case "component-node" -> {
                        String comp = require(file, line, kv, "component");
                        if (!components.containsKey(comp)) {
                            throw new KaldiFormatException(file, "config line names component '" + comp
                                    + "' that the file does not contain: " + line);
                        }
                        nodes.put(nodeName, new Nnet3Model.ComponentNode(nodeName, comp,
                                Nnet3Descriptor.parse(require(file, line, kv, "input"))));
                    }
                    case "output-node" -> outputs.put(nodeName, Nnet3Descriptor.parse(require(file, line, kv, "input")));
                    default -> throw new KaldiFormatException(file, "unsupported config line kind '" + kind + "': " + line);
                }
            } catch (IllegalArgumentException e) {
                throw new KaldiFormatException(file, "bad config line (" + e.getMessage() + "): " + line, e);
            }
        }
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new KaldiFormatException(file, "the config has no " + (inputs.isEmpty() ? "input" : "output") + " node");
        }
        return new Nnet3Model(file, lines, inputs, nodes, outputs, components);
    }

    /** Splits {@code key=value key=value} where a value may contain spaces inside parentheses. */
    private static Map<String, String> keyValues(String file, String line, String rest) {
        Map<String, String> kv = new HashMap<>();
        int i = 0;
        int n = rest.length();
        while (i < n) {
            while (i < n && rest.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = rest.indexOf('=', i);
            if (eq < 0) {
                throw new KaldiFormatException(file, "config line has a field without '=': " + line);
            }
            String key = rest.substring(i, eq);
            int j = eq + 1;
            int depth = 0;
            while (j < n && (depth > 0 || rest.charAt(j) != ' ')) {
                char c = rest.charAt(j);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                j++;
            }
            kv.put(key, rest.substring(eq + 1, j));
            i = j;
        }
        return kv;
    }

    private static String require(String file, String line, Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            throw new KaldiFormatException(file, "config line without " + key + "=: " + line);
        }
        return v;
    }
}
