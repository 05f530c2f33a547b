package dev.spool.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens as stored: a name, a role and the hash of the token. The token itself is never stored; it
 * is shown once when created (see {@code dev.spool.api.ApiTokens}, which makes and checks tokens).
 */
public final class TokenStore {
    private final Database db;

    public TokenStore(Database db) {
        this.db = db;
    }

    /** What a token may do: viewers read, operators also submit and control jobs. */
    public enum Role {
        OPERATOR, VIEWER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code operator} or {@code viewer} (any case); the message names the accepted values. */
        public static Role parse(String value) {
            for (Role r : values()) {
                if (value != null && r.name().equalsIgnoreCase(value.trim())) return r;
            }
            throw new IllegalArgumentException("role must be 'operator' or 'viewer', got '" + value + "'");
        }
    }

    /** A stored token; {@code hash} is the hex SHA-256 of the token text. */
    public record StoredToken(String id, String name, Role role, String hash, Instant createdAt) {
    }

    /**
     * Stores a new token's hash.
     *
     * @throws IllegalArgumentException when a token with this name exists
     */
    public StoredToken insert(String id, String name, Role role, String hash) {
        return db.write(tx -> {
            if (tx.one("token.by_name", Map.of("name", name), TokenStore::row).isPresent()) {
                throw new IllegalArgumentException("a token named '" + name + "' already exists");
            }
            tx.update("token.insert", Map.of("id", id, "name", name, "role", role, "token_hash", hash));
            return new StoredToken(id, name, role, hash, Instant.ofEpochMilli(tx.nowMillis()));
        });
    }

    public Optional<StoredToken> findById(String id) {
        return db.query(tx -> tx.one("token.by_id", Map.of("id", id), TokenStore::row));
    }

    /** True when at least one token exists, i.e. the API requires authentication. */
    public boolean any() {
        return db.query(tx -> tx.one("token.count", Map.of(), rs -> rs.getLong("n")).orElse(0L) > 0);
    }

    public List<StoredToken> list() {
        return db.query(tx -> tx.query("token.list", Map.of(), TokenStore::row));
    }

    /** Deletes the named token; false when there was none. */
    public boolean revoke(String name) {
        return db.write(tx -> tx.update("token.delete", Map.of("name", name)) > 0);
    }

    private static StoredToken row(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("token_hash"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
