package dev.voicegate.audiohook.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conformance vectors of fact sheet §1.4 and helpers to build requests around them. */
final class Vectors {

    static final String API_KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String TARGET = "/api/v1/voicebiometrics/ws";
    static final String HOST = "audiohook.example.com";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String SESSION = "30b0e395-84d3-4570-ac13-9a62d8f514c0";
    static final String CORRELATION = "e160e428-53e2-487c-977d-96989bf5c99d";
    static final String NONCE = "VGhpc0lzQVVuaXF1ZU5vbmNl";
    static final long CREATED = 1641013200L;
    /** One second after the vectors' {@code created}: inside every time window. */
    static final Instant NOW = Instant.ofEpochSecond(CREATED + 1);

    static final String V1_INPUT = "sig1=(\"@request-target\" \"host\" \"audiohook-organization-id\" "
            + "\"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\");keyid=\"" + API_KEY
            + "\";nonce=\"" + NONCE + "\";alg=\"hmac-sha256\";created=1641013200;expires=3282026430";
    static final String V1_SIGNATURE = "sig1=:zupMJUMfd/kMuvKc5zhRyfJPE3jTROuz1S1hn8SCTpE=:";
    static final String V2_INPUT = V1_INPUT.replace("\"host\"", "\"@authority\"");
    static final String V2_SIGNATURE = "sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:";
    static final String EXTRA_INPUT = V2_INPUT.replace("expires=3282026430", "expires=1641013230");
    static final String EXTRA_SIGNATURE = "sig1=:13MrOmtEIFb8cH00czAZWdEkgJr9QlnAQABRRF1A2gE=:";

    static final String V3_KEY =
            "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";
    static final String V3_INPUT =
            "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
    static final String V3_SIGNATURE = "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:";

    private Vectors() {
    }

    /** The AudioHook headers of V1/V2 (without signature headers), in the order the client sends them. */
    static Map<String, List<String>> audioHookHeaders() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of(HOST));
        h.put("audiohook-organization-id", List.of(ORG));
        h.put("audiohook-session-id", List.of(SESSION));
        h.put("audiohook-correlation-id", List.of(CORRELATION));
        h.put("x-api-key", List.of(API_KEY));
        return h;
    }

    static UpgradeRequest signed(String input, String signature) {
        return with(audioHookHeaders(), input, signature);
    }

    static UpgradeRequest with(Map<String, List<String>> headers, String input, String signature) {
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        if (input != null) {
            h.put("signature-input", List.of(input));
        }
        if (signature != null) {
            h.put("signature", List.of(signature));
        }
        return new UpgradeRequest("GET", TARGET, null, h);
    }

    /** The same headers inserted in reverse order (a LinkedHashMap keeps insertion order). */
    static UpgradeRequest reversed(UpgradeRequest request) {
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>(request.headers().entrySet());
        Collections.reverse(entries);
        Map<String, List<String>> h = new LinkedHashMap<>();
        entries.forEach(e -> h.put(e.getKey(), e.getValue()));
        return new UpgradeRequest(request.method(), request.requestTarget(), request.authority(), h);
    }

    /** A request signed now by {@link RequestSigner} for the given key. */
    static UpgradeRequest signedBySigner(String apiKey, String secret, java.time.Clock clock) {
        Map<String, List<String>> h = audioHookHeaders();
        h.put("x-api-key", List.of(apiKey));
        RequestSigner.sign(TARGET, HOST, ORG, SESSION, CORRELATION, apiKey, secret, clock)
                .forEach((name, value) -> h.put(name, List.of(value)));
        return new UpgradeRequest("GET", TARGET, HOST, h);
    }
}
