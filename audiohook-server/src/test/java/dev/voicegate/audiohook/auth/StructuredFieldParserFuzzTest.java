package dev.voicegate.audiohook.auth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the RFC 8941 dictionary parser used for {@code signature-input} and
 * {@code signature}: any header value parses or throws {@link StructuredFieldException}; a parsed
 * dictionary serialises and parses back to the same value. Seeds in
 * {@code StructuredFieldParserFuzzTestInputs/}.
 */
class StructuredFieldParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void headerValueParsesOrIsRejected(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        Map<String, SfMember> parsed;
        try {
            parsed = StructuredFieldParser.parseDictionary(value);
        } catch (StructuredFieldException expected) {
            return;
        }
        // The verifier re-serialises @signature-params from the parsed structure (fact sheet §1.3 step 9):
        // serialisation must be a fixed point of parsing.
        for (Map.Entry<String, SfMember> e : parsed.entrySet()) {
            String text = StructuredFieldSerializer.serialize(e.getValue());
            SfMember again = StructuredFieldParser.parseDictionary(e.getKey() + "=" + text).get(e.getKey());
            String textAgain = StructuredFieldSerializer.serialize(again);
            if (!text.equals(textAgain)) {
                throw new AssertionError("serialisation is not stable: " + text + " -> " + textAgain);
            }
        }
    }
}
