package dev.voicegate.audiohook.auth;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict RFC 8941 parser for Dictionary fields (§4.2.2), with their inner lists (§4.2.1.2), items
 * (§4.2.3) and parameters (§4.2.3.2).
 *
 * <p>Any deviation from the grammar throws {@link StructuredFieldException} naming the offset; the
 * field is then to be ignored as a whole (RFC 8941 §4.2). Duplicate dictionary keys and parameter
 * keys keep their first position and take the last value, as §4.2.2 and §4.2.3.2 require.
 *
 * <p>Stateless entry points, thread-safe.
 */
public final class StructuredFieldParser {

    private final String input;
    private int pos;

    private StructuredFieldParser(String input) {
        this.input = input;
    }

    /**
     * Parses a Dictionary field value. Repeated header lines must be joined with {@code ","} first
     * (RFC 8941 §4.2). An empty value gives an empty dictionary.
     *
     * @return members in order of first appearance; unmodifiable
     * @throws StructuredFieldException if the value is not a valid Dictionary
     */
    public static Map<String, SfMember> parseDictionary(String value) {
        StructuredFieldParser p = new StructuredFieldParser(value);
        p.skipSp();
        Map<String, SfMember> dictionary = p.dictionary();
        p.skipSp();
        if (!p.atEnd()) {
            throw p.error("unexpected character after dictionary");
        }
        return Collections.unmodifiableMap(dictionary);
    }

    private Map<String, SfMember> dictionary() {
        Map<String, SfMember> members = new LinkedHashMap<>();
        while (!atEnd()) {
            String key = key();
            SfMember member;
            if (peek() == '=') {
                pos++;
                member = itemOrInnerList();
            } else {
                member = new SfItem(SfBareItem.Bool.TRUE, parameters());
            }
            members.put(key, member);
            skipOws();
            if (atEnd()) {
                return members;
            }
            if (input.charAt(pos++) != ',') {
                pos--;
                throw error("expected ',' between dictionary members");
            }
            skipOws();
            if (atEnd()) {
                throw error("trailing ',' in dictionary");
            }
        }
        return members;
    }

    private SfMember itemOrInnerList() {
        return peek() == '(' ? innerList() : item();
    }

    private SfInnerList innerList() {
        pos++; // '('
        List<SfItem> items = new ArrayList<>();
        while (!atEnd()) {
            skipSp();
            if (peek() == ')') {
                pos++;
                return new SfInnerList(items, parameters());
            }
            items.add(item());
            char next = peek();
            if (next != ' ' && next != ')') {
                throw error("expected ' ' or ')' in inner list");
            }
        }
        throw error("unterminated inner list");
    }

    private SfItem item() {
        SfBareItem value = bareItem();
        return new SfItem(value, parameters());
    }

    private Map<String, SfBareItem> parameters() {
        Map<String, SfBareItem> params = new LinkedHashMap<>();
        while (peek() == ';') {
            pos++;
            skipSp();
            String key = key();
            SfBareItem value = SfBareItem.Bool.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            params.put(key, value);
        }
        return params;
    }

    private String key() {
        char first = peek();
        if (!(SfChars.isLcAlpha(first) || first == '*')) {
            throw error("key must start with a lower-case letter or '*'");
        }
        int start = pos++;
        while (!atEnd() && SfChars.isKeyChar(input.charAt(pos))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private SfBareItem bareItem() {
        char c = peek();
        if (c == '-' || SfChars.isDigit(c)) {
            return number();
        } else if (c == '"') {
            return string();
        } else if (SfChars.isTokenStart(c)) {
            return token();
        } else if (c == ':') {
            return byteSequence();
        } else if (c == '?') {
            return bool();
        }
        throw error(atEnd() ? "missing value" : "unexpected character at start of item");
    }

    private SfBareItem number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (!SfChars.isDigit(peek())) {
            throw error("expected a digit");
        }
        int digitsStart = pos;
        int dot = -1;
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (SfChars.isDigit(c)) {
                pos++;
            } else if (c == '.' && dot < 0) {
                if (pos - digitsStart > 12) {
                    throw error("decimal has more than 12 integer digits");
                }
                dot = pos++;
            } else {
                break;
            }
            int length = pos - digitsStart;
            if (dot < 0 && length > 15) {
                throw error("integer has more than 15 digits");
            }
            if (dot >= 0 && length > 16) {
                throw error("decimal has more than 16 characters");
            }
        }
        String text = input.substring(start, pos);
        if (dot < 0) {
            return new SfBareItem.Int(Long.parseLong(text));
        }
        int fractionDigits = pos - dot - 1;
        if (fractionDigits == 0 || fractionDigits > 3) {
            throw error("decimal must have 1 to 3 fractional digits");
        }
        return new SfBareItem.Dec(new BigDecimal(text));
    }

    private SfBareItem string() {
        pos++; // '"'
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (atEnd()) {
                    throw error("unterminated escape in string");
                }
                char escaped = input.charAt(pos++);
                if (escaped != '"' && escaped != '\\') {
                    pos--;
                    throw error("invalid escape in string");
                }
                out.append(escaped);
            } else if (c == '"') {
                return new SfBareItem.Str(out.toString());
            } else if (c < 0x20 || c > 0x7e) {
                pos--;
                throw error("string has a character outside printable ASCII");
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private SfBareItem token() {
        int start = pos++;
        while (!atEnd() && SfChars.isTokenChar(input.charAt(pos))) {
            pos++;
        }
        return new SfBareItem.Token(input.substring(start, pos));
    }

    private SfBareItem byteSequence() {
        int start = ++pos; // ':'
        while (!atEnd() && input.charAt(pos) != ':') {
            char c = input.charAt(pos);
            if (!(SfChars.isAlpha(c) || SfChars.isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw error("byte sequence has a character outside base64");
            }
            pos++;
        }
        if (atEnd()) {
            throw error("unterminated byte sequence");
        }
        String base64 = input.substring(start, pos++);
        try {
            return new SfBareItem.Bytes(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw error("byte sequence is not valid base64");
        }
    }

    private SfBareItem bool() {
        pos++; // '?'
        char c = peek();
        if (c == '1' || c == '0') {
            pos++;
            return new SfBareItem.Bool(c == '1');
        }
        throw error("boolean must be ?0 or ?1");
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    /** The current character, or NUL at the end (NUL matches no grammar rule). */
    private char peek() {
        return atEnd() ? '\0' : input.charAt(pos);
    }

    private void skipSp() {
        while (peek() == ' ') {
            pos++;
        }
    }

    private void skipOws() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }

    private StructuredFieldException error(String what) {
        return new StructuredFieldException(what + " (offset " + pos + ")");
    }
}
