package dev.voicegate.biometrics.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tiny JDBC helpers: positional parameters, row mappers, no hidden state. */
public final class Sql {

    private Sql() {
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Executes an INSERT/UPDATE/DELETE; returns the affected row count. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** Executes an INSERT into a table whose key is {@code id} and returns the generated id. */
    public static long insert(Connection c, String sql, Object... args) throws SQLException {
        if (isPostgres(c)) {
            return queryOne(c, sql + " RETURNING id", rs -> rs.getLong(1), args).orElseThrow();
        }
        update(c, sql, args);
        return queryOne(c, "SELECT last_insert_rowid()", rs -> rs.getLong(1)).orElseThrow();
    }

    /** Whether {@code c} is a PostgreSQL connection (else SQLite: the only two dialects the store speaks). */
    public static boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }

    /** All rows. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
        }
        return out;
    }

    /** The first row, if any. */
    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
    }

    /** A single long (e.g. COUNT(*)). */
    public static long count(Connection c, String sql, Object... args) throws SQLException {
        return queryOne(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Whether the query returns a row. */
    public static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        return queryOne(c, sql, rs -> Boolean.TRUE, args).isPresent();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                if (arg == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, arg);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
