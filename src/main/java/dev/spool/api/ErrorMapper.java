package dev.spool.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.spool.domain.IllegalTransitionException;
import dev.spool.domain.NotFoundException;
import dev.spool.domain.OperationRefusedException;
import dev.spool.engine.InvalidJobRequestException;
import dev.spool.preset.InvalidPresetsException;
import dev.spool.preset.PresetValidationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place exceptions become HTTP responses. Known failures map to a 4xx {@link ApiError} with a
 * message and details a client can act on; anything else is logged once with its stack trace and becomes
 * a 500 whose body says only that an internal error happened.
 */
final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void install(Javalin app) {
        app.exception(Exception.class, (e, ctx) -> write(ctx, translate(e, ctx)));
        // requests no route matched get Javalin's plain-text answer unless we replace it
        app.error(404, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, ApiError.notFound("no route " + ctx.method() + " " + ctx.path() + " (see /api/v1/openapi.json)"));
            }
        });
    }

    private static final String WRITTEN = "spool.error.written";

    static void write(Context ctx, ApiError error) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(error.status()).json(error.body());
    }

    /** The API error for an exception thrown while handling {@code ctx}. */
    static ApiError translate(Exception e, Context ctx) {
        if (e instanceof ApiError a) return a;
        if (e instanceof InvalidJobRequestException i) return ApiError.invalidField(i.field(), i.getMessage());
        if (e instanceof NotFoundException) return ApiError.notFound(e.getMessage());
        if (e instanceof OperationRefusedException r) {
            return ApiError.conflict("operation_refused", r.getMessage(),
                    Map.of("jobId", r.jobId(), "operation", r.operation(), "status", r.status().name()));
        }
        if (e instanceof IllegalTransitionException) return ApiError.conflict("illegal_transition", e.getMessage(), null);
        if (e instanceof InvalidPresetsException p) {
            List<Map<String, String>> problems = p.problems().stream().map(ErrorMapper::problem).toList();
            return new ApiError(400, "invalid_preset", problems.size() + " problem(s) in the preset",
                    Map.of("problems", problems));
        }
        if (e instanceof PresetValidationException p) {
            return new ApiError(400, "invalid_preset", p.getMessage(), Map.of("problems", List.of(problem(p))));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return new ApiError(400, "unknown_field", "unknown field '" + field + "'; known fields: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")),
                    Map.of("field", field));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            JsonMappingException m = (JsonMappingException) e;
            String field = path(m);
            if (field.isEmpty()) return ApiError.badRequest("invalid_json", "request body has the wrong shape: "
                    + m.getOriginalMessage());
            return ApiError.invalidField(field, "field '" + field + "' has the wrong type or value");
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
            // a record constructor refused a value (e.g. an unknown enum); its message names the value
            String field = path(m);
            return field.isEmpty() ? ApiError.badRequest("invalid_json", iae.getMessage())
                    : ApiError.invalidField(field, iae.getMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return ApiError.badRequest("invalid_json", "request body is not valid JSON: " + j.getOriginalMessage());
        }
        if (e instanceof HttpResponseException h) {
            String code = switch (h.getStatus()) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                default -> "http_" + h.getStatus();
            };
            return new ApiError(h.getStatus(), code, h.getMessage(), h.getDetails());
        }
        log.error("internal error handling {} {}", ctx.method(), ctx.path(), e);
        return new ApiError(500, "internal", "internal error; see the server log", null);
    }

    private static Map<String, String> problem(PresetValidationException p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("location", String.valueOf(p.location()));
        m.put("message", p.detail());
        return m;
    }

    /** A JSON path like {@code sources[2]} or {@code outputs[0].name}. */
    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (s.length() > 0) s.append('.');
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }
}
