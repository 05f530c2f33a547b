package dev.spool.store;

class PostgresApiStoresTest extends ApiStoresContract {
    @Override
    protected String freshDatabaseUrl() {
        return TestDatabases.freshPgSchemaUrl();
    }

    @Override
    protected void dropDatabase(String url) {
        TestDatabases.dropPgSchema(url);
    }
}
