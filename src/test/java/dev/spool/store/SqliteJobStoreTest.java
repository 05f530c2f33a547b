package dev.spool.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteJobStoreTest extends JobStoreContract {
    @TempDir
    Path dir;

    @Override
    protected String freshDatabaseUrl() {
        return TestDatabases.sqliteUrl(dir);
    }

    @Test
    void a_missing_database_file_and_its_folder_are_created() {
        Path file = dir.resolve("nested/spool-data/spool.db");
        try (SqlJobStore s = SqlJobStore.open("jdbc:sqlite:" + file, clock)) {
            assertThat(Files.exists(file)).isTrue();
            assertThat(s.describe()).contains("sqlite").contains("schema version 3");
        }
    }
}
