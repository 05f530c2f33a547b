package dev.spool.store;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where store tests get their databases: a temp SQLite file, or a fresh schema in the local PostgreSQL
 * service. With {@code CI=true} or {@code SPOOL_TEST_PG_URL} set, PostgreSQL tests must run and fail when
 * the database is unreachable; otherwise they are skipped with one line saying why.
 */
public final class TestDatabases {
    static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final AtomicBoolean SKIP_NOTED = new AtomicBoolean();

    private TestDatabases() {
    }

    public static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("spool-" + UUID.randomUUID() + ".db");
    }

    public static String pgBaseUrl() {
        String url = System.getenv("SPOOL_TEST_PG_URL");
        return url == null || url.isBlank() ? DEFAULT_PG : url;
    }

    static boolean pgRequired() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || System.getenv("SPOOL_TEST_PG_URL") != null;
    }

    /** Creates an empty schema and returns a URL whose connections use it; skips or fails when PG is down. */
    public static String freshPgSchemaUrl() {
        String base = pgBaseUrl();
        String schema = "spool_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(withParam(base, "connectTimeout=3"));
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + Database.redact(base) + " is unreachable (" + e.getMessage() + ")";
            if (pgRequired()) throw new IllegalStateException(why + "; CI=true or SPOOL_TEST_PG_URL requires it", e);
            if (SKIP_NOTED.compareAndSet(false, true)) {
                System.err.println("SKIPPING PostgreSQL store tests: " + why
                        + " (set SPOOL_TEST_PG_URL or CI=true to require them)");
            }
            Assumptions.abort("SKIPPING PostgreSQL store tests: " + why);
        }
        return withParam(base, "currentSchema=" + schema);
    }

    /** Drops a schema made by {@link #freshPgSchemaUrl()}. */
    public static void dropPgSchema(String url) {
        int i = url.indexOf("currentSchema=");
        if (i < 0) return;
        String schema = url.substring(i + "currentSchema=".length()).split("&")[0];
        try (Connection c = DriverManager.getConnection(pgBaseUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException ignored) {
            // best effort: a leftover test schema is harmless
        }
    }

    static String withParam(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }
}
