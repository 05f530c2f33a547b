package dev.spool.store;

class PostgresJobStoreTest extends JobStoreContract {
    @Override
    protected String freshDatabaseUrl() {
        return TestDatabases.freshPgSchemaUrl();
    }

    @Override
    protected void dropDatabase(String url) {
        TestDatabases.dropPgSchema(url);
    }
}
