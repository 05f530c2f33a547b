package dev.spool.api;

import dev.spool.cli.CliRun;
import dev.spool.store.SqlJobStore;
import dev.spool.store.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCliTest {
    @TempDir
    Path dir;

    @Test
    void token_create_prints_a_working_token_once_and_stores_only_its_hash() {
        String db = "sqlite:" + dir.resolve("spool.db");
        CliRun run = CliRun.of("token", "create", "--db", db, "--name", "ci", "--role", "operator");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String token = run.out().strip();
        assertThat(token).startsWith("spool_");
        assertThat(run.err()).contains("shown only this once").doesNotContain(token);

        try (SqlJobStore store = SqlJobStore.open("jdbc:" + db, Clock.systemUTC())) {
            TokenStore tokens = new TokenStore(store.database());
            assertThat(new ApiTokens(tokens).verify(token)).hasValueSatisfying(t -> {
                assertThat(t.name()).isEqualTo("ci");
                assertThat(t.role()).isEqualTo(TokenStore.Role.OPERATOR);
                assertThat(t.hash()).doesNotContain(token);
            });
        }
        CliRun list = CliRun.of("token", "list", "--db", db);
        assertThat(list.out()).contains("ci\toperator").doesNotContain(token);
        assertThat(CliRun.of("token", "create", "--db", db, "--name", "ci").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("token", "create", "--db", db, "--name", "x", "--role", "admin").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("token", "revoke", "--db", db, "--name", "ci").exitCode()).isZero();
    }
}
