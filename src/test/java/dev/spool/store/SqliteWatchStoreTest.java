package dev.spool.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteWatchStoreTest extends WatchStoreContract {
    @TempDir
    Path dir;

    @Override
    protected String freshDatabaseUrl() {
        return TestDatabases.sqliteUrl(dir);
    }
}
