package dev.spool.store;

import java.util.Locale;

/**
 * The two SQL dialects Spool speaks. Differences are kept to per-dialect query overrides
 * ({@code db/queries/<dialect>/*.sql}) and migrations ({@code db/migration/<dialect>}).
 */
public enum Dialect {
    SQLITE, POSTGRESQL;

    /** Folder name under {@code db/migration} and {@code db/queries}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Picks the dialect from a JDBC URL; the message lists what is accepted. */
    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) return SQLITE;
        if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported database URL '" + url
                + "': use jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
    }
}
