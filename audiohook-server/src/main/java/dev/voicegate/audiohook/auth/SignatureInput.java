package dev.voicegate.audiohook.auth;

import java.util.List;
import java.util.Map;

/**
 * The selected signature of a request: the first label of {@code signature-input} (fact sheet §1.3
 * steps 1-4) with its parsed covered components, parameters and MAC. Package-private.
 */
record SignatureInput(String label, SfInnerList coveredComponents, SignatureParameters parameters, byte[] mac) {

    private static final String INPUT = "signature-input";
    private static final String SIGNATURE = "signature";

    /**
     * Parses both headers and selects the first signature.
     *
     * @throws SignatureCheckException UNSIGNED when neither header is present; INVALID otherwise
     */
    static SignatureInput select(UpgradeRequest request) {
        Map<String, SfMember> inputs = dictionary(request, INPUT);
        Map<String, SfMember> signatures = dictionary(request, SIGNATURE);
        if (inputs.isEmpty() && signatures.isEmpty()) {
            throw new SignatureCheckException(SignatureResult.UNSIGNED, "no signature and signature-input headers");
        }
        if (inputs.isEmpty()) {
            throw invalid("signature header without signature-input header");
        }
        if (signatures.isEmpty()) {
            throw invalid("signature-input header without signature header");
        }
        SignatureInput first = null;
        for (Map.Entry<String, SfMember> entry : inputs.entrySet()) {
            SignatureInput parsed = parse(entry.getKey(), entry.getValue(), signatures.get(entry.getKey()));
            first = first == null ? parsed : first;
        }
        return first;
    }

    private static SignatureInput parse(String label, SfMember input, SfMember signature) {
        if (signature == null) {
            throw invalid("no signature for label " + label);
        }
        if (!(signature instanceof SfItem item && item.value() instanceof SfBareItem.Bytes mac)) {
            throw invalid("signature for label " + label + " is not a byte sequence");
        }
        if (!(input instanceof SfInnerList components)) {
            throw invalid("signature-input for label " + label + " is not an inner list");
        }
        for (SfItem component : components.items()) {
            if (!(component.value() instanceof SfBareItem.Str)) {
                throw invalid("signature-input for label " + label + " has a component that is not a string");
            }
        }
        return new SignatureInput(label, components, parameters(label, components.parameters()), mac.value());
    }

    private static SignatureParameters parameters(String label, Map<String, SfBareItem> params) {
        String alg = null;
        Long created = null;
        Long expires = null;
        String keyid = null;
        String nonce = null;
        for (Map.Entry<String, SfBareItem> p : params.entrySet()) {
            SfBareItem v = p.getValue();
            switch (p.getKey()) {
                case "alg" -> alg = string(label, "alg", v);
                case "created" -> created = timestamp(label, "created", v);
                case "expires" -> expires = timestamp(label, "expires", v);
                case "keyid" -> keyid = string(label, "keyid", v);
                case "nonce" -> nonce = string(label, "nonce", v);
                default -> throw invalid("unknown signature parameter " + p.getKey() + " for label " + label);
            }
        }
        return new SignatureParameters(alg, created, expires, keyid, nonce);
    }

    private static String string(String label, String name, SfBareItem value) {
        if (value instanceof SfBareItem.Str s) {
            return s.value();
        }
        throw invalid("signature parameter " + name + " for label " + label + " must be a string");
    }

    private static Long timestamp(String label, String name, SfBareItem value) {
        if (value instanceof SfBareItem.Int i && i.value() >= 0) {
            return i.value();
        }
        throw invalid("signature parameter " + name + " for label " + label + " must be an integer >= 0");
    }

    private static Map<String, SfMember> dictionary(UpgradeRequest request, String name) {
        List<String> values = request.headerValues(name).stream().filter(v -> !v.isBlank()).toList();
        if (values.isEmpty()) {
            return Map.of();
        }
        try {
            return StructuredFieldParser.parseDictionary(String.join(", ", values));
        } catch (StructuredFieldException e) {
            throw invalid("cannot parse " + name + " header: " + e.getMessage());
        }
    }

    private static SignatureCheckException invalid(String reason) {
        return new SignatureCheckException(SignatureResult.INVALID, reason);
    }
}
