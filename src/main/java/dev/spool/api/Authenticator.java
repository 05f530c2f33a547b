package dev.spool.api;

import dev.spool.store.TokenStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.Optional;

/**
 * Bearer-token authentication and role checks for every protected route. While no token exists the API
 * is open (the server refuses to listen beyond loopback in that case unless told {@code --insecure});
 * once one exists every protected request needs a valid token, and viewers may only read.
 *
 * <p>Browsers cannot set headers on EventSource or WebSocket requests, so the event streams also accept
 * the token as {@code ?access_token=}; nothing else does.
 */
final class Authenticator {
    static final String PRINCIPAL = "spool.principal";

    private final TokenStore tokens;
    private final ApiTokens verifier;

    Authenticator(TokenStore tokens) {
        this.tokens = tokens;
        this.verifier = new ApiTokens(tokens);
    }

    /** Who is calling; {@code name} is null when no tokens are configured. */
    record Principal(String name, TokenStore.Role role) {
        static final Principal OPEN = new Principal(null, TokenStore.Role.OPERATOR);
    }

    /** Requires a valid token (any role) when tokens exist, and the operator role for writes. */
    void require(Context ctx) {
        Principal p = authenticate(ctx, false);
        if (p.role() == TokenStore.Role.VIEWER && !isRead(ctx.method())) {
            throw ApiError.forbidden("token '" + p.name() + "' has the viewer role, which can only read; "
                    + "use an operator token to " + ctx.method() + " " + ctx.path());
        }
        ctx.attribute(PRINCIPAL, p);
    }

    /** Like {@link #require} for event streams (read-only), also accepting {@code ?access_token=}. */
    void requireForStream(Context ctx) {
        ctx.attribute(PRINCIPAL, authenticate(ctx, true));
    }

    /** True when tokens are configured, i.e. requests need one. */
    boolean enforced() {
        return tokens.any();
    }

    private Principal authenticate(Context ctx, boolean allowQuery) {
        if (!tokens.any()) return Principal.OPEN;
        String presented = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) presented = header.substring(7).trim();
        if (presented == null && allowQuery) presented = ctx.queryParam("access_token");
        if (presented == null || presented.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiError.unauthorized("an API token is required: send 'Authorization: Bearer <token>' "
                    + "(create one with 'spool token create')");
        }
        Optional<TokenStore.StoredToken> token = verifier.verify(presented);
        if (token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw ApiError.unauthorized("the API token is not valid");
        }
        return new Principal(token.get().name(), token.get().role());
    }

    private static boolean isRead(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }
}
