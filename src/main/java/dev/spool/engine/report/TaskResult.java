package dev.spool.engine.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's {@code result} JSON as far as reports need it. The schema is the transcode executor's
 * ({@code outputs[]}, {@code source}, {@code encodeSeconds}, {@code speed}); other task kinds and older
 * rows carry other shapes or nothing, so reading is lenient: a missing or mistyped field is null, and
 * text that is not a JSON object yields an empty result plus a {@link #problem()} naming why.
 *
 * @param problem why the result could not be read, or null when it was read (or there was none)
 */
record TaskResult(List<OutputReport> outputs, SourceMedia source, Double encodeSeconds, Double speed, String problem) {
    // Trailing tokens make the text not one JSON value; without this Jackson reads the first value and ignores the rest.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TaskResult NONE = new TaskResult(List.of(), null, null, null, null);

    static TaskResult parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            return unreadable("result is not valid JSON");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return NONE;
        }
        if (!root.isObject()) {
            return unreadable("result is not a JSON object");
        }
        return new TaskResult(outputs(root.get("outputs")), source(root.get("source")),
                decimal(root.get("encodeSeconds")), decimal(root.get("speed")), null);
    }

    private static TaskResult unreadable(String problem) {
        return new TaskResult(List.of(), null, null, null, problem);
    }

    private static List<OutputReport> outputs(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<OutputReport> outputs = new ArrayList<>();
        for (JsonNode o : node) {
            if (o.isObject()) {
                outputs.add(new OutputReport(text(o.get("name")), text(o.get("path")), integer(o.get("sizeBytes")),
                        text(o.get("container")), text(o.get("encoder")), decimal(o.get("durationSeconds"))));
            }
        }
        return List.copyOf(outputs);
    }

    private static SourceMedia source(JsonNode s) {
        if (s == null || !s.isObject()) {
            return null;
        }
        return new SourceMedia(text(s.get("summary")), decimal(s.get("durationSeconds")), text(s.get("codec")),
                int32(s.get("width")), int32(s.get("height")), text(s.get("frameRate")));
    }

    private static String text(JsonNode n) {
        return n == null || !n.isValueNode() || n.isNull() ? null : n.asText();
    }

    private static Double decimal(JsonNode n) {
        if (n != null && n.isNumber()) {
            return n.doubleValue();
        }
        String t = text(n);
        if (t == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(t.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer int32(JsonNode n) {
        Long l = integer(n);
        return l == null || l != l.intValue() ? null : l.intValue();
    }

    private static Long integer(JsonNode n) {
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        Double d = decimal(n);
        return d == null || d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE ? null : d.longValue();
    }
}
