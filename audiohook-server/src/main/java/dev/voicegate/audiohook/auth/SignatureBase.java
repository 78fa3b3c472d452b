package dev.voicegate.audiohook.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the signature base (RFC 9421 §2.5; fact sheet §1.3 steps 6-9) from the covered components of
 * a {@link SignatureInput}: one {@code "<name>": <value>} line per component, then the
 * {@code "@signature-params"} line re-serialised from the parsed structure; LF-separated, no trailing
 * LF. Stateless and thread-safe.
 */
public final class SignatureBase {

    /** Derived components RFC 9421 defines for requests and responses (draft-11 §2.2). */
    private static final Set<String> DERIVED = Set.of("@method", "@authority", "@scheme", "@target-uri",
            "@request-target", "@path", "@query", "@status");
    /** Component parameters of RFC 9421 §2.1 that we recognise but do not implement. */
    private static final Set<String> UNSUPPORTED_HEADER_PARAMS = Set.of("sf", "key", "bs", "req", "tr");
    private static final Pattern OBS_FOLD = Pattern.compile("[ \\t]*\\r\\n[ \\t]+");

    private SignatureBase() {
    }

    /**
     * Canonicalises a header's values (RFC 9421 §2.1): obs-fold replaced by one space, each value
     * trimmed, repeated values joined with {@code ", "}.
     *
     * @return the canonical value, or {@code null} when the header is absent
     */
    public static String canonicalHeader(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (out.length() > 0) {
                out.append(", ");
            }
            // obs-fold needs a CR, which almost no value has: skip the regex then.
            out.append((value.indexOf('\r') < 0 ? value : OBS_FOLD.matcher(value).replaceAll(" ")).strip());
        }
        return out.toString();
    }

    /**
     * @throws SignatureCheckException INVALID, UNSUPPORTED or PRECONDITION as fact sheet §1.3 steps 6-8 say
     */
    static String build(SignatureInput input, UpgradeRequest request, Set<String> required) {
        StringBuilder base = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (SfItem component : input.coveredComponents().items()) {
            String name = ((SfBareItem.Str) component.value()).value();
            if (!seen.add(name)) {
                throw new SignatureCheckException(SignatureResult.INVALID, "duplicate component \"" + name + "\"");
            }
            String value = name.startsWith("@") ? derived(name, component, request) : header(name, component, request);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new SignatureCheckException(SignatureResult.INVALID,
                        "value of component \"" + name + "\" contains a line break");
            }
            base.append(StructuredFieldSerializer.serialize(component)).append(": ").append(value).append('\n');
        }
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new SignatureCheckException(SignatureResult.PRECONDITION,
                    "signature does not cover required component(s) " + String.join(", ", missing));
        }
        return base.append("\"@signature-params\": ")
                .append(StructuredFieldSerializer.serialize(input.coveredComponents()))
                .toString();
    }

    private static String derived(String name, SfItem component, UpgradeRequest request) {
        if (name.equals("@signature-params")) {
            throw new SignatureCheckException(SignatureResult.INVALID, "\"@signature-params\" must not be covered");
        }
        if (name.equals("@query-params") || name.equals("@query-param")) {
            throw new SignatureCheckException(SignatureResult.UNSUPPORTED, "component \"" + name + "\" not supported");
        }
        if (!DERIVED.contains(name)) {
            throw new SignatureCheckException(SignatureResult.INVALID, "unknown derived component \"" + name + "\"");
        }
        Map<String, SfBareItem> params = component.parameters();
        if (params.containsKey("req")) {
            throw new SignatureCheckException(SignatureResult.UNSUPPORTED,
                    "related-request parameter req not supported on \"" + name + "\"");
        }
        if (!params.isEmpty()) {
            throw new SignatureCheckException(SignatureResult.INVALID,
                    "derived component \"" + name + "\" takes no parameters");
        }
        String value = resolve(name, request);
        if (value == null) {
            throw new SignatureCheckException(SignatureResult.PRECONDITION, "cannot resolve component \"" + name + "\"");
        }
        return value;
    }

    /** The derived components an upgrade request can supply; {@code null} for the rest. */
    private static String resolve(String name, UpgradeRequest request) {
        String target = request.requestTarget();
        int query = target.indexOf('?');
        boolean originForm = target.startsWith("/");
        return switch (name) {
            case "@method" -> request.method().isEmpty() ? null : request.method();
            case "@request-target" -> target.isEmpty() ? null : target;
            case "@authority" -> request.authority() != null && !request.authority().isBlank()
                    ? request.authority().strip() : blankToNull(canonicalHeader(request.headerValues("host")));
            case "@path" -> !originForm ? null : query < 0 ? target : target.substring(0, query);
            case "@query" -> !originForm ? null : query < 0 ? "?" : target.substring(query);
            default -> null; // @scheme, @target-uri: the scheme is not known here; @status: responses only
        };
    }

    private static String header(String name, SfItem component, UpgradeRequest request) {
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
            throw new SignatureCheckException(SignatureResult.INVALID,
                    "header component \"" + name + "\" must be a non-empty lower-case name");
        }
        if (name.equals("signature")) {
            throw new SignatureCheckException(SignatureResult.UNSUPPORTED, "component \"signature\" not supported");
        }
        for (String param : component.parameters().keySet()) {
            if (UNSUPPORTED_HEADER_PARAMS.contains(param)) {
                throw new SignatureCheckException(SignatureResult.UNSUPPORTED,
                        "component parameter " + param + " not supported on \"" + name + "\"");
            }
            throw new SignatureCheckException(SignatureResult.INVALID,
                    "unknown component parameter " + param + " on \"" + name + "\"");
        }
        String value = canonicalHeader(request.headerValues(name));
        if (value == null) {
            throw new SignatureCheckException(SignatureResult.PRECONDITION, "header \"" + name + "\" not present");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
