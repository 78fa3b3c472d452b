package dev.voicegate.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.ClaimedIdentity;
import dev.voicegate.notifier.api.BiokeyKind;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.IdentityState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bus payloads: sealed (no clear PII), round trips of what travels, and every bad payload refused with its reason. */
class BusCodecTest {
    private static final byte[] K1 = new byte[32];
    private static final byte[] K2 = new byte[32];

    static {
        K2[0] = 1;
    }

    private final BusCodec codec = new BusCodec(Map.of("k1", K1, "k2", K2), "k2");

    @Test
    void eventsRoundTripSealedWithoutTheNumberInClear() throws Exception {
        AgentConversationEvent e = new AgentConversationEvent("conv-1", "agent-1", true, "p-1", "+35315550177",
                Map.of("customerId", "C-991"), Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-04T10:00:01Z"));
        ObjectNode m = BusCodec.JSON.createObjectNode();
        m.set("b", BusCodec.JSON.valueToTree(e));
        String payload = codec.seal(m);
        assertThat(payload).startsWith("k2.").doesNotContain("35315550177").doesNotContain("C-991");
        assertThat(new String(Base64.getDecoder().decode(payload.substring(3)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("35315550177");
        JsonNode back = codec.open(payload);
        assertThat(BusCodec.JSON.treeToValue(back.get("b"), AgentConversationEvent.class)).isEqualTo(e);
    }

    @Test
    void viewsCommandsAndPrincipalsRoundTrip() throws Exception {
        ConversationView v = new ConversationView("conv-1", new ClaimedIdentity(BiokeyKind.values()[0], "C-991"),
                IdentityState.values()[0], null, null, List.of(), List.of(), Instant.parse("2026-12-04T10:00:00Z"));
        AgentPrincipal who = AgentPrincipal.agent("agent-1", "Pia").expiringAt(Instant.parse("2026-12-04T11:00:00Z"));
        AgentCommand cmd = new AgentCommand("r1", CommandType.SET_CLAIMED_ID, "conv-1", false, "C-991");
        for (Object o : List.of(v, who, cmd)) {
            ObjectNode m = BusCodec.JSON.createObjectNode();
            m.set("b", BusCodec.JSON.valueToTree(o));
            assertThat(BusCodec.JSON.treeToValue(codec.open(codec.seal(m)).get("b"), o.getClass())).isEqualTo(o);
        }
    }

    @Test
    void olderKeysStillOpenDuringARotation() {
        ObjectNode m = BusCodec.JSON.createObjectNode().put("x", 1);
        String byOld = new BusCodec(Map.of("k1", K1), "k1").seal(m);
        assertThat(codec.open(byOld).get("x").asInt()).isEqualTo(1);
    }

    @Test
    void badPayloadsAreRefusedWithTheirReason() {
        String good = codec.seal(BusCodec.JSON.createObjectNode().put("x", 1));
        assertThatThrownBy(() -> codec.open("nokeyid")).isInstanceOf(BusCodec.BadMessageException.class)
                .hasMessageContaining("no key id");
        assertThatThrownBy(() -> codec.open("k9." + good.substring(3))).hasMessageContaining("key 'k9'")
                .hasMessageContaining("biometrics.encryptionKeys");
        assertThatThrownBy(() -> codec.open("k2.%%%")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> codec.open("k2.AAAA")).hasMessageContaining("too short");
        char[] c = good.toCharArray();
        c[10] = c[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> codec.open(new String(c))).hasMessageContaining("authentication failed");
        String otherCluster = new BusCodec(Map.of("k2", K1), "k2").seal(BusCodec.JSON.createObjectNode().put("x", 1));
        assertThatThrownBy(() -> codec.open(otherCluster)).hasMessageContaining("authentication failed");
    }
}
