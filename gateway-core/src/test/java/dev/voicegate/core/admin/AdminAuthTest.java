package dev.voicegate.core.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminAuthTest {
    private static final String TOKEN = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
    private final AdminAuth auth = new AdminAuth(TOKEN);

    @Test
    void acceptsOnlyTheConfiguredBearerToken() {
        assertThat(auth.check("Bearer " + TOKEN)).isEqualTo(AdminAuth.Result.OK);
        assertThat(auth.check("bearer " + TOKEN)).as("the scheme is case-insensitive (RFC 7235)").isEqualTo(AdminAuth.Result.OK);
        assertThat(auth.check(null)).isEqualTo(AdminAuth.Result.MISSING);
        assertThat(auth.check(" ")).isEqualTo(AdminAuth.Result.MISSING);
        assertThat(auth.check("Bearer " + TOKEN.substring(1))).isEqualTo(AdminAuth.Result.INVALID);
        assertThat(auth.check("Bearer " + TOKEN + "x")).isEqualTo(AdminAuth.Result.INVALID);
        assertThat(auth.check("Basic " + TOKEN)).isEqualTo(AdminAuth.Result.INVALID);
        assertThat(auth.check("Bearer")).isEqualTo(AdminAuth.Result.INVALID);
        assertThat(auth.check(TOKEN)).isEqualTo(AdminAuth.Result.INVALID);
    }

    @Test
    void theTokenIdRevealsNothingOfTheTokenAndTheChallengeFollowsRfc6750() {
        assertThat(auth.tokenId()).matches("token-[0-9a-f]{8}").doesNotContain(TOKEN.substring(0, 4));
        assertThat(new AdminAuth(TOKEN + "z").tokenId()).isNotEqualTo(auth.tokenId());
        assertThat(AdminAuth.challenge(AdminAuth.Result.MISSING)).isEqualTo("Bearer realm=\"voicegate-admin\"");
        assertThat(AdminAuth.challenge(AdminAuth.Result.INVALID)).contains("error=\"invalid_token\"");
        assertThatThrownBy(() -> new AdminAuth("")).hasMessageContaining("admin.token: empty");
    }
}
