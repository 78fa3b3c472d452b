package dev.voicegate.audiohook.auth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * RFC 8941 §4.1 serialisation of items, inner lists and parameters.
 *
 * <p>HTTP message signatures (RFC 9421 §2.3) rebuild the {@code @signature-params} line with this
 * serialiser from the parsed structure, so that the verifier never trusts the raw header text.
 * Stateless and thread-safe.
 */
public final class StructuredFieldSerializer {

    private StructuredFieldSerializer() {
    }

    /** Serialises an item or inner list with its parameters. */
    public static String serialize(SfMember member) {
        StringBuilder out = new StringBuilder();
        append(out, member);
        return out.toString();
    }

    /** Serialises a bare item (§4.1.3.1) without parameters. */
    public static String serialize(SfBareItem item) {
        StringBuilder out = new StringBuilder();
        appendBareItem(out, item);
        return out.toString();
    }

    private static void append(StringBuilder out, SfMember member) {
        if (member instanceof SfInnerList list) {
            out.append('(');
            for (int i = 0; i < list.items().size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                append(out, list.items().get(i));
            }
            out.append(')');
        } else if (member instanceof SfItem item) {
            appendBareItem(out, item.value());
        }
        appendParameters(out, member.parameters());
    }

    private static void appendParameters(StringBuilder out, Map<String, SfBareItem> parameters) {
        parameters.forEach((key, value) -> {
            out.append(';').append(key);
            if (!(value instanceof SfBareItem.Bool b && b.value())) {
                out.append('=');
                appendBareItem(out, value);
            }
        });
    }

    private static void appendBareItem(StringBuilder out, SfBareItem item) {
        if (item instanceof SfBareItem.Int i) {
            out.append(i.value());
        } else if (item instanceof SfBareItem.Dec d) {
            out.append(decimal(d.value()));
        } else if (item instanceof SfBareItem.Str s) {
            out.append('"');
            String v = s.value();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (item instanceof SfBareItem.Token t) {
            out.append(t.value());
        } else if (item instanceof SfBareItem.Bytes b) {
            out.append(':').append(b.base64()).append(':');
        } else if (item instanceof SfBareItem.Bool b) {
            out.append(b.value() ? "?1" : "?0");
        }
    }

    /** §4.1.5: round half to even to three fraction digits, at least one fraction digit. */
    private static String decimal(BigDecimal value) {
        BigDecimal rounded = value.setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.scale() < 1) {
            rounded = rounded.setScale(1, RoundingMode.UNNECESSARY);
        }
        if (rounded.precision() - rounded.scale() > 12) {
            throw new StructuredFieldException("decimal has more than 12 integer digits: " + value);
        }
        return rounded.toPlainString();
    }
}
