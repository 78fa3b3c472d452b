package dev.voicegate.core.admin;

/**
 * What the admin port serves beyond {@code /healthz}, {@code /readyz} and {@code /metrics}.
 *
 * @param token    the bearer token ({@code admin.token}); empty turns the API off (every call 404s with why)
 * @param subjects the data-subject requests, or null when biometrics are off (nothing is stored)
 */
public record AdminApi(String token, SubjectRequests subjects) {
    public AdminApi {
        token = token == null ? "" : token;
    }

    /** No API: only the open endpoints. */
    public static AdminApi off() {
        return new AdminApi("", null);
    }

    @Override
    public String toString() {
        return "AdminApi[token=" + (token.isEmpty() ? "none" : "<masked>") + ", subjects=" + (subjects != null) + "]";
    }
}
