package dev.spool.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type of the HTTP API. {@link ErrorMapper} turns it (and the domain exceptions it knows)
 * into {@code {"error":{"code","message","details"}}} with {@link #status()}. Messages are written for the
 * API's users and never contain stack traces or secrets.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiError(int status, String code, String message, Map<String, ?> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message, null);
    }

    /** 400 for one request field; {@code details.field} names it. */
    public static ApiError invalidField(String field, String message) {
        return new ApiError(400, "invalid_field", message, Map.of("field", field));
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message, null);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message, null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null);
    }

    public static ApiError conflict(String code, String message, Map<String, ?> details) {
        return new ApiError(409, code, message, details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The response body. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        error.put("details", details);
        return Map.of("error", error);
    }
}
