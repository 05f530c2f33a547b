package dev.spool.cli;

import dev.spool.config.SpoolConfig;
import dev.spool.store.SqlJobStore;
import picocli.CommandLine.Option;

import java.time.Clock;

/** Options every command that touches the data directory or the store accepts. */
public final class GlobalOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $SPOOL_DATA or ./spool-data).")
    String dataDir;

    @Option(names = "--db", paramLabel = "URL",
            description = "Store URL: sqlite:PATH or postgresql://HOST:PORT/DB (default: $SPOOL_DB or the "
                    + "embedded SQLite file in the data directory).")
    String db;

    private SpoolConfig config;

    /** The resolved, frozen configuration. */
    public SpoolConfig config() {
        if (config == null) config = SpoolConfig.fromEnvironment(dataDir, db);
        return config;
    }

    /** Opens the configured store, migrating it when needed. */
    public SqlJobStore openStore() {
        return SqlJobStore.open(config().db(), Clock.systemUTC());
    }
}
