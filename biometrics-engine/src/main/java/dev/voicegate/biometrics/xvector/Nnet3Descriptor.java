package dev.voicegate.biometrics.xvector;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of nnet3 input descriptors the x-vector network uses: a node name,
 * {@code Offset(d, t)}, {@code Append(d, …)} and {@code Round(d, t)}. Anything else in a config
 * line is rejected when the line is parsed.
 */
public sealed interface Nnet3Descriptor {

    /** A node's output at the same time index. */
    record Node(String name) implements Nnet3Descriptor {
    }

    /** {@code Offset(d, t)}: {@code d} at time {@code t + offset}. */
    record Offset(Nnet3Descriptor input, int offset) implements Nnet3Descriptor {
    }

    /** {@code Append(d1, d2, …)}: the parts concatenated. */
    record Append(List<Nnet3Descriptor> parts) implements Nnet3Descriptor {
        public Append {
            parts = List.copyOf(parts);
        }
    }

    /** {@code Round(d, t)}: {@code d} at time rounded down to a multiple of {@code modulus}. */
    record Round(Nnet3Descriptor input, int modulus) implements Nnet3Descriptor {
    }

    /**
     * Parses a descriptor expression.
     *
     * @throws IllegalArgumentException naming the problem (the caller adds the file)
     */
    static Nnet3Descriptor parse(String text) {
        Parser p = new Parser(text);
        Nnet3Descriptor d = p.descriptor();
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.substring(p.pos) + "' in descriptor '" + text + "'");
        }
        return d;
    }

    /** Recursive-descent parser over the descriptor text. */
    final class Parser {
        private final String s;
        private int pos;

        private Parser(String s) {
            this.s = s;
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < s.length() && "(),".indexOf(s.charAt(pos)) < 0 && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("expected a name at position " + start + " of descriptor '" + s + "'");
            }
            return s.substring(start, pos);
        }

        private void expect(char c) {
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at position " + pos + " of descriptor '" + s + "'");
            }
            pos++;
        }

        private boolean peek(char c) {
            skipSpaces();
            return pos < s.length() && s.charAt(pos) == c;
        }

        private int integer() {
            String w = word();
            try {
                return Integer.parseInt(w);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer, found '" + w + "' in descriptor '" + s + "'");
            }
        }

        Nnet3Descriptor descriptor() {
            String w = word();
            if (!peek('(')) {
                return new Node(w);
            }
            expect('(');
            Nnet3Descriptor result;
            switch (w) {
                case "Append" -> {
                    List<Nnet3Descriptor> parts = new ArrayList<>();
                    parts.add(descriptor());
                    while (peek(',')) {
                        expect(',');
                        parts.add(descriptor());
                    }
                    result = new Append(parts);
                }
                case "Offset" -> {
                    Nnet3Descriptor in = descriptor();
                    expect(',');
                    int t = integer();
                    if (peek(',')) {
                        throw new IllegalArgumentException("Offset with an x offset is not supported in descriptor '" + s + "'");
                    }
                    result = new Offset(in, t);
                }
                case "Round" -> {
                    Nnet3Descriptor in = descriptor();
                    expect(',');
                    int m = integer();
                    if (m <= 0) {
                        throw new IllegalArgumentException("Round modulus " + m + " (expected: > 0) in descriptor '" + s + "'");
                    }
                    result = new Round(in, m);
                }
                default -> throw new IllegalArgumentException("unsupported descriptor '" + w + "(…)' in '" + s + "'");
            }
            expect(')');
            return result;
        }
    }
}
