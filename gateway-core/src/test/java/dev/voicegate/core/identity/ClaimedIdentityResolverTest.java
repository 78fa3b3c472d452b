package dev.voicegate.core.identity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimedIdentityResolverTest {
    private final ClaimedIdentityResolver resolver = new ClaimedIdentityResolver(List.of("customerId", "accountNumber"), "IE", true);

    @Test
    void normalisesGenesysAniFormsToE164() {
        assertThat(resolver.e164("tel:+35315550123")).hasValue("+35315550123");
        assertThat(resolver.e164("sip:+353 1 555 0123@edge.example.com;user=phone")).hasValue("+35315550123");
        assertThat(resolver.e164("01 555 0123")).as("national format, default region IE").hasValue("+35315550123");
        assertThat(resolver.e164("+1 (415) 555-2671")).hasValue("+14155552671");
    }

    @Test
    void ignoresAnonymousAndUnparsableNumbers() {
        assertThat(resolver.e164("")).isEmpty();
        assertThat(resolver.e164("tel:anonymous")).isEmpty();
        assertThat(resolver.e164(null)).isEmpty();
        assertThat(resolver.e164("tel:+1")).isEmpty();
    }

    @Test
    void prefersConfiguredAttributesThenThePhoneNumber() {
        List<Biokey> keys = resolver.resolve("tel:+35315550123", Map.of("accountNumber", "A-77", "customerId", "C-1042", "other", "x"));
        assertThat(keys).extracting(Biokey::key).containsExactly("customer:C-1042", "customer:A-77", "phone:+35315550123");
    }

    @Test
    void masksPhoneBiokeysWhenPrinted() {
        Biokey k = new Biokey(Biokey.Kind.PHONE, "+35315550123");
        assertThat(k.toString()).isEqualTo("phone:+35*******23").doesNotContain("5550123");
        assertThat(k.key()).isEqualTo("phone:+35315550123");
    }

    @Test
    void rejectsAnUnknownDefaultRegion() {
        assertThatThrownBy(() -> new ClaimedIdentityResolver(List.of(), "XX", true))
                .hasMessageStartingWith("defaultRegion: XX (expected: an ISO 3166 region code");
    }
}
