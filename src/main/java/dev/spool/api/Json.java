package dev.spool.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;

import java.io.IOException;

/**
 * The API's JSON: strict on input (unknown fields, trailing tokens and wrong types are errors that name the
 * field), ISO-8601 times on output. One mapper for requests, responses and event payloads.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(
                    dev.spool.preset.NamingPattern.class,
                    com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Json() {
    }

    static JavalinJackson javalinMapper() {
        return new JavalinJackson(MAPPER, false);
    }

    /**
     * Reads the request body as {@code type}, at most {@code maxBytes} of it (413 beyond, whether or not the
     * client declared a length); an empty body is an error. Parse errors go to {@link ErrorMapper}.
     */
    static <T> T body(Context ctx, Class<T> type, long maxBytes) throws IOException {
        byte[] bytes = boundedBody(ctx, maxBytes);
        if (bytes.length == 0) throw ApiError.badRequest("empty_body", "a JSON request body is required");
        return MAPPER.readValue(bytes, type);
    }

    /** The raw body, refusing more than {@code maxBytes} with 413. */
    static byte[] boundedBody(Context ctx, long maxBytes) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) throw tooLarge(maxBytes);
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) throw tooLarge(maxBytes);
            return bytes;
        }
    }

    private static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "payload_too_large", "request body is larger than the limit of " + maxBytes + " bytes",
                java.util.Map.of("limitBytes", maxBytes));
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses stored JSON (task progress, results, event payloads) into a tree; null or broken gives null. */
    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
