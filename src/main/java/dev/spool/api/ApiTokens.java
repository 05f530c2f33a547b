package dev.spool.api;

import dev.spool.store.TokenStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Makes and checks API tokens. A token is {@code spool_<id>_<secret>} with 256 random bits of secret; only
 * its SHA-256 is stored (a fast hash is enough for high-entropy random tokens: there is nothing to guess).
 * The id finds the stored row; the hashes are compared in constant time.
 */
public final class ApiTokens {
    private static final String PREFIX = "spool_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the id is unknown, so unknown and wrong tokens take the same path. */
    private static final byte[] DUMMY = sha256("spool_unknown");

    private final TokenStore store;

    public ApiTokens(TokenStore store) {
        this.store = store;
    }

    /** A newly created token: {@code token} is shown to the user once and never stored. */
    public record Created(TokenStore.StoredToken stored, String token) {
    }

    /**
     * Creates and stores a token.
     *
     * @throws IllegalArgumentException when the name is blank or taken
     */
    public Created create(String name, TokenStore.Role role) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a token name is required");
        byte[] idBytes = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String token = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        TokenStore.StoredToken stored = store.insert(id, name.strip(), role, HexFormat.of().formatHex(sha256(token)));
        return new Created(stored, token);
    }

    /** The stored token {@code presented} matches, or empty. */
    public Optional<TokenStore.StoredToken> verify(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) return Optional.empty();
        int sep = presented.indexOf('_', PREFIX.length());
        if (sep < 0) return Optional.empty();
        Optional<TokenStore.StoredToken> row = store.findById(presented.substring(PREFIX.length(), sep));
        byte[] expected = row.map(r -> HexFormat.of().parseHex(r.hash())).orElse(DUMMY);
        boolean equal = MessageDigest.isEqual(sha256(presented), expected);
        return equal && row.isPresent() ? row : Optional.empty();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
