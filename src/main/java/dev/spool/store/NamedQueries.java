package dev.spool.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's SQL, loaded from resource files: {@code db/queries/common/<table>.sql} for statements both
 * dialects share and {@code db/queries/<dialect>/<table>.sql} for the few that differ (a dialect file
 * overrides a common name). Each statement starts with a {@code -- name: x.y} line.
 */
final class NamedQueries {
    static final List<String> FILES = List.of("jobs.sql", "tasks.sql", "events.sql", "leader.sql",
            "tokens.sql", "webhooks.sql", "workers.sql", "cursors.sql", "stats.sql", "watch.sql");

    private final Map<String, NamedSql> byName;

    private NamedQueries(Map<String, NamedSql> byName) {
        this.byName = byName;
    }

    static NamedQueries load(Dialect dialect) {
        Map<String, NamedSql> all = new HashMap<>();
        for (String file : FILES) {
            parse("db/queries/common/" + file, all, true);
            parse("db/queries/" + dialect.folder() + "/" + file, all, false);
        }
        return new NamedQueries(Map.copyOf(all));
    }

    NamedSql get(String name) {
        NamedSql q = byName.get(name);
        if (q == null) throw new IllegalArgumentException("no query named " + name);
        return q;
    }

    private static void parse(String resource, Map<String, NamedSql> into, boolean required) {
        String text;
        try (InputStream in = NamedQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (required) throw new IllegalStateException("missing query file " + resource);
                return;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("-- name:")) {
                if (name != null) into.put(name, new NamedSql(name, body.toString().strip()));
                name = trimmed.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (!trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        if (name != null) into.put(name, new NamedSql(name, body.toString().strip()));
    }
}
