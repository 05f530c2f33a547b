package dev.spool.store;

class PostgresWatchStoreTest extends WatchStoreContract {
    @Override
    protected String freshDatabaseUrl() {
        return TestDatabases.freshPgSchemaUrl();
    }

    @Override
    protected void dropDatabase(String url) {
        TestDatabases.dropPgSchema(url);
    }
}
