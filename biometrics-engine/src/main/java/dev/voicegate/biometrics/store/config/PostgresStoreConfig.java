package dev.voicegate.biometrics.store.config;

import java.util.regex.Pattern;

/**
 * Where the networked store lives: a PostgreSQL database reached over JDBC, pooled by HikariCP. The
 * keys, the fingerprint cap and the pseudonymisation key stay in {@link StoreConfig}; this record
 * adds only the connection. Validated at construction with messages naming the key, the value and
 * what was expected; the password is never printed (nor the URL's query, which may carry one).
 *
 * @param jdbcUrl  {@code biometrics.postgresUrl}: {@code jdbc:postgresql://host[:port]/database[?...]}
 * @param user     {@code biometrics.postgresUser}
 * @param password {@code biometrics.postgresPassword} (a secret reference in the gateway's config; may be
 *                 empty for trust or peer authentication)
 * @param poolSize {@code biometrics.postgresPoolSize}: connections per gateway instance, 1..64
 */
public record PostgresStoreConfig(String jdbcUrl, String user, String password, int poolSize) {

    /** Default connections per instance. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** Default user. */
    public static final String DEFAULT_USER = "voicegate";
    /** Most connections per instance (PostgreSQL's default max_connections is 100, shared by every instance). */
    public static final int MAX_POOL_SIZE = 64;

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://[^/?#\\s]+/[^/?#\\s]+(\\?\\S*)?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.@-]{1,63}");

    public PostgresStoreConfig {
        if (jdbcUrl == null || !URL.matcher(jdbcUrl).matches()) {
            throw new IllegalArgumentException("biometrics.postgresUrl: "
                    + (jdbcUrl == null ? "null" : "'" + redact(jdbcUrl) + "'")
                    + " (expected: jdbc:postgresql://host[:port]/database[?parameters])");
        }
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("biometrics.postgresUser: " + (user == null ? "null" : "'" + user + "'")
                    + " (expected: 1..63 characters of [A-Za-z0-9_.@-])");
        }
        if (password == null) {
            throw new IllegalArgumentException("biometrics.postgresPassword: null (expected: a secret reference,"
                    + " or empty for trust/peer authentication)");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("biometrics.postgresPoolSize: " + poolSize + " (expected: 1.."
                    + MAX_POOL_SIZE + ")");
        }
    }

    /** The URL without its query (parameters may hold a password). */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?(masked)";
    }

    /** Masks the password and the URL's parameters. */
    @Override
    public String toString() {
        return "PostgresStoreConfig[url=" + redactedUrl() + ", user=" + user + ", password=(masked), poolSize="
                + poolSize + "]";
    }
}
