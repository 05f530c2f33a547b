package dev.spool.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connections, migrations and transactions for one database. SQLite: WAL, synchronous=NORMAL, a busy
 * timeout, one writer connection (in-process writers queue on a lock; other processes wait on SQLite's
 * busy timeout thanks to {@code BEGIN IMMEDIATE}) and a small read pool. PostgreSQL: one HikariCP pool.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final String url;
    private final Dialect dialect;
    private final Clock clock;
    private final NamedQueries queries;
    private final HikariDataSource pool;
    private final ReentrantLock writerLock = new ReentrantLock();
    private Connection sqliteWriter;
    private final SQLiteDataSource sqliteSource;
    private final String schemaVersion;

    private Database(String url, Clock clock) {
        this.url = url;
        this.dialect = Dialect.fromJdbcUrl(url);
        this.clock = clock;
        this.queries = NamedQueries.load(dialect);
        try {
            if (dialect == Dialect.SQLITE) {
                createSqliteParent(url);
                sqliteSource = sqliteDataSource(url);
                schemaVersion = migrate(sqliteSource);
                pool = pool(url, sqliteSource, 4, true);
                sqliteWriter = sqliteSource.getConnection();
            } else {
                sqliteSource = null;
                pool = pool(url, null, 10, false);
                schemaVersion = migrate(pool);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot open database " + redact(url) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof StoreException) throw e;
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new DatabaseUnavailableException("cannot open database " + redact(url) + ": " + root.getMessage(), e);
        }
    }

    /**
     * Opens (creating a missing SQLite file and its folder) and migrates the database at a JDBC URL.
     *
     * @throws SchemaTooNewException        when a newer Spool has migrated it
     * @throws DatabaseUnavailableException when it cannot be reached or opened
     */
    public static Database open(String jdbcUrl, Clock clock) {
        return new Database(jdbcUrl, clock);
    }

    public Dialect dialect() {
        return dialect;
    }

    public Clock clock() {
        return clock;
    }

    /** The Flyway version the database is at after migration. */
    public String schemaVersion() {
        return schemaVersion;
    }

    public String url() {
        return redact(url);
    }

    NamedQueries queries() {
        return queries;
    }

    /** Work inside one transaction that may write; events queued on the {@link Tx} are written at the end. */
    public <T> T write(TxWork<T> work) {
        if (dialect == Dialect.SQLITE) {
            writerLock.lock();
            try {
                return sqliteTransaction(writerConnection(), "BEGIN IMMEDIATE", work);
            } finally {
                writerLock.unlock();
            }
        }
        try (Connection c = pool.getConnection()) {
            return pgTransaction(c, work);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Work inside one read-only transaction (a consistent snapshot). */
    public <T> T read(TxWork<T> work) {
        try (Connection c = pool.getConnection()) {
            if (dialect == Dialect.SQLITE) return sqliteTransaction(c, "BEGIN", work);
            return pgTransaction(c, work);
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** One read statement outside an explicit transaction (autocommit): the cheapest way to ask one thing. */
    public <T> T query(TxWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(new Tx(c, queries, clock.instant()));
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    private <T> T sqliteTransaction(Connection c, String begin, TxWork<T> work) {
        Tx tx = new Tx(c, queries, clock.instant());
        try {
            try (Statement s = c.createStatement()) {
                s.execute(begin);
            }
            T result = work.run(tx);
            tx.flushEvents();
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw new StoreException("database error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    private <T> T pgTransaction(Connection c, TxWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        Tx tx = new Tx(c, queries, clock.instant());
        try {
            T result = work.run(tx);
            tx.flushEvents();
            c.commit();
            return result;
        } catch (SQLException e) {
            c.rollback();
            throw new StoreException("database error: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            c.rollback();
            throw e;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) return;
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }

    private Connection writerConnection() {
        try {
            if (sqliteWriter == null || sqliteWriter.isClosed()) sqliteWriter = sqliteSource.getConnection();
            return sqliteWriter;
        } catch (SQLException e) {
            throw new StoreException("cannot open SQLite writer connection: " + e.getMessage(), e);
        }
    }

    private String migrate(DataSource ds) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/" + dialect.folder())
                .load();
        String known = "0";
        MigrationInfo future = null;
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                future = info;
            } else if (info.getVersion() != null && info.getState() != MigrationState.IGNORED) {
                known = info.getVersion().getVersion();
            }
        }
        if (future != null) throw new SchemaTooNewException(future.getVersion().getVersion(), known);
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("migrated {} to schema version {}", redact(url), result.targetSchemaVersion);
        }
        MigrationInfo current = flyway.info().current();
        return current == null ? "0" : current.getVersion().getVersion();
    }

    private static void createSqliteParent(String url) {
        String path = sqlitePath(url);
        if (path == null) return;
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot create the data directory " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The file path of a {@code jdbc:sqlite:} URL, or null for in-memory databases. */
    static String sqlitePath(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        if (q >= 0) rest = rest.substring(0, q);
        if (rest.startsWith("file:")) rest = rest.substring(5);
        if (rest.isEmpty() || rest.equals(":memory:")) return null;
        return rest;
    }

    private static SQLiteDataSource sqliteDataSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return ds;
    }

    private static HikariDataSource pool(String url, DataSource sqlite, int size, boolean readOnly) {
        HikariConfig hc = new HikariConfig();
        if (sqlite != null) {
            hc.setDataSource(sqlite);
        } else {
            hc.setJdbcUrl(url);
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        hc.setPoolName(readOnly ? "spool-sqlite-read" : "spool-db");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(5_000);
        return new HikariDataSource(hc);
    }

    /** Hides a password in a URL before it is printed or logged. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/:@]+):[^@/]*@", "//$1:***@");
    }

    @Override
    public void close() {
        writerLock.lock();
        try {
            if (sqliteWriter != null) sqliteWriter.close();
        } catch (SQLException ignored) {
            // closing anyway
        } finally {
            writerLock.unlock();
        }
        pool.close();
    }

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }
}
