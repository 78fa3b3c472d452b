package dev.voicegate.core.e2e;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Just enough PromQL to say which series an expression reads: the metric names of its selectors, the label
 * names of their matchers, and the label names of its {@code by}/{@code without}/{@code on}/{@code ignoring}
 * clauses. Function and aggregation names must be PromQL's (a misspelt function fails here, not in Grafana);
 * range and subquery brackets ({@code [5m]}, {@code [$__rate_interval]}, {@code [1h:5m]}), strings, numbers,
 * durations, operators and Grafana variables are skipped. Used by {@link DeploymentKitIT} on the kit's
 * dashboard and alert rules.
 */
final class PromQl {
    /** A vector selector: {@code name{label="v", ...}} (name from {@code __name__} when written that way). */
    record Selector(String name, Set<String> labels) {
    }

    /** What an expression reads. {@code grouping}: labels named by its clauses, needed on the series it aggregates. */
    record Parsed(List<Selector> selectors, Set<String> grouping) {
    }

    private static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "avg_over_time", "ceil",
            "changes", "clamp", "clamp_max", "clamp_min", "count_over_time", "day_of_month", "day_of_week", "day_of_year",
            "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction",
            "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta",
            "increase", "irate", "label_join", "label_replace", "last_over_time", "ln", "log2", "log10", "mad_over_time",
            "max_over_time", "min_over_time", "minute", "month", "predict_linear", "present_over_time",
            "quantile_over_time", "rate", "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sqrt",
            "stddev_over_time", "stdvar_over_time", "sum_over_time", "time", "timestamp", "vector", "year",
            // aggregation operators
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_CLAUSES = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right",
            "inf", "nan");

    private final String s;
    private int i;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> grouping = new TreeSet<>();

    private PromQl(String s) {
        this.s = s;
    }

    /** Parses {@code expr}; a clear {@link IllegalArgumentException} names what it could not read. */
    static Parsed parse(String expr) {
        PromQl p = new PromQl(expr);
        p.run();
        return new Parsed(List.copyOf(p.selectors), Set.copyOf(p.grouping));
    }

    private void run() {
        int depth = 0;
        while (skipSpace()) {
            char c = s.charAt(i);
            if (isIdentStart(c)) {
                int start = i;
                while (i < s.length() && isIdentPart(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                boolean paren = skipSpace() && s.charAt(i) == '(';
                if (LABEL_CLAUSES.contains(word) && paren) {
                    grouping.addAll(labelList());
                } else if (paren) {
                    if (!FUNCTIONS.contains(word)) {
                        throw new IllegalArgumentException("unknown PromQL function '" + word + "' in: " + s);
                    }
                } else if (AGGREGATIONS.contains(word) && s.substring(i).matches("(?s)(by|without)\\s*\\(.*")) {
                    // sum by (l) (...): an aggregation with its clause first; the clause is read next
                } else if (!KEYWORDS.contains(word.toLowerCase())) {
                    Set<String> labels = Set.of();
                    if (skipSpace() && s.charAt(i) == '{') {
                        labels = matchers(null);
                    }
                    selectors.add(new Selector(word, labels));
                }
            } else if (c == '{') {
                String[] name = new String[1];
                Set<String> labels = matchers(name);
                if (name[0] == null) {
                    throw new IllegalArgumentException("a selector without a metric name at " + i + " in: " + s);
                }
                selectors.add(new Selector(name[0], labels));
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '[' at " + i + " in: " + s);
                }
                i = end + 1;
            } else if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++; // a number or a duration (offset 5m)
                }
            } else if (c == '$') {
                i++;
                while (i < s.length() && isIdentPart(s.charAt(i))) {
                    i++; // a Grafana variable
                }
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unbalanced ')' at " + i + " in: " + s);
                }
                i++;
            } else if ("+-*/%^=!<>,@".indexOf(c) >= 0) {
                i++;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in: " + s);
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '(' in: " + s);
        }
    }

    /** {@code (a, b)} after a label clause; returns the names. */
    private Set<String> labelList() {
        int end = s.indexOf(')', i);
        if (end < 0) {
            throw new IllegalArgumentException("unclosed label list at " + i + " in: " + s);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : s.substring(i + 1, end).split(",")) {
            String name = l.strip();
            if (!name.isEmpty()) {
                if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new IllegalArgumentException("'" + name + "' is not a label name in: " + s);
                }
                out.add(name);
            }
        }
        i = end + 1;
        return out;
    }

    /** {@code {l="v", m=~"w"}}: the label names; {@code __name__="x"} goes into {@code name[0]}. */
    private Set<String> matchers(String[] name) {
        i++; // '{'
        Set<String> labels = new TreeSet<>();
        while (true) {
            if (!skipSpace()) {
                throw new IllegalArgumentException("unclosed '{' in: " + s);
            }
            char c = s.charAt(i);
            if (c == '}') {
                i++;
                return labels;
            }
            if (c == ',') {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && isIdentPart(s.charAt(i))) {
                i++;
            }
            String label = s.substring(start, i);
            if (label.isEmpty() || !isIdentStart(label.charAt(0))) {
                throw new IllegalArgumentException("expected a label name at " + start + " in: " + s);
            }
            skipSpace();
            int opStart = i;
            while (i < s.length() && "=!~".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String op = s.substring(opStart, i);
            if (!Set.of("=", "!=", "=~", "!~").contains(op)) {
                throw new IllegalArgumentException("expected =, !=, =~ or !~ after '" + label + "' in: " + s);
            }
            skipSpace();
            String value = string();
            if (label.equals("__name__") && op.equals("=") && name != null) {
                name[0] = value;
            } else {
                labels.add(label);
            }
        }
    }

    private String string() {
        if (i >= s.length() || "\"'`".indexOf(s.charAt(i)) < 0) {
            throw new IllegalArgumentException("expected a quoted string at " + i + " in: " + s);
        }
        char q = s.charAt(i++);
        StringBuilder out = new StringBuilder();
        while (i < s.length() && s.charAt(i) != q) {
            if (s.charAt(i) == '\\' && q != '`') {
                i++;
            }
            if (i < s.length()) {
                out.append(s.charAt(i++));
            }
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("unclosed string in: " + s);
        }
        i++;
        return out.toString();
    }

    /** Skips white space; false at the end. */
    private boolean skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length();
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9';
    }
}
