package dev.spool.media.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Optional;

/**
 * What {@code loudnorm=print_format=json} measured in a first pass, as FFmpeg prints it (numbers as
 * strings, kept verbatim to pass back to the second pass).
 */
public record LoudnessMeasurement(String inputI, String inputTp, String inputLra, String inputThresh, String targetOffset) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Finds the JSON block in stderr lines; empty when absent or incomplete. */
    public static Optional<LoudnessMeasurement> parse(List<String> stderr) {
        int start = -1;
        for (int i = stderr.size() - 1; i >= 0; i--) {
            if (stderr.get(i).trim().equals("{")) {
                start = i;
                break;
            }
        }
        if (start < 0) return Optional.empty();
        StringBuilder json = new StringBuilder();
        for (int i = start; i < stderr.size(); i++) {
            json.append(stderr.get(i)).append('\n');
            if (stderr.get(i).trim().equals("}")) break;
        }
        try {
            JsonNode n = JSON.readTree(json.toString());
            String[] keys = {"input_i", "input_tp", "input_lra", "input_thresh", "target_offset"};
            String[] v = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                String s = n.path(keys[i]).asText(null);
                if (s == null || s.isBlank() || s.contains("inf") || s.contains("nan")) return Optional.empty();
                Double.parseDouble(s);
                v[i] = s;
            }
            return Optional.of(new LoudnessMeasurement(v[0], v[1], v[2], v[3], v[4]));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
