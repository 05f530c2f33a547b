package dev.spool.preset;

import dev.spool.domain.OutputSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * WATERMARK: text or image burned into the picture, or none. File fields:
 * {@code id, description, text, image, position, opacity}. With neither text nor image the preset means
 * "no watermark" and position/opacity must be absent; otherwise both are required. A relative image path is
 * resolved against the folder of the preset file and must exist when the preset is loaded.
 *
 * @param image absolute path of a PNG, or null
 */
public record WatermarkPreset(String id, String description, String text, String image, String position, Double opacity)
        implements CategoryPreset {

    /** Accepted positions. */
    public static final List<String> POSITIONS = List.of("top-left", "top-right", "bottom-left", "bottom-right", "center");

    @Override
    public PresetCategory category() {
        return PresetCategory.WATERMARK;
    }

    /** The burn-in for an {@link OutputSpec}; null when this preset means no watermark. */
    public OutputSpec.Watermark toWatermark() {
        if (text == null && image == null) return null;
        return new OutputSpec.Watermark(text, image, position, opacity);
    }

    static WatermarkPreset read(StrictObjectReader r, String id, String description) {
        String text = r.optionalText("text");
        String image = r.optionalText("image");
        String position = r.optionalText("position");
        Double opacity = r.optionalNumber("opacity", 0.0, 1.0);
        boolean none = !r.has("text") && !r.has("image");
        if (r.has("text") && r.has("image")) r.problem("image", "set either text or image, not both");
        if (none) {
            if (r.has("position")) r.problem("position", "a watermark without text or image has no position");
            if (r.has("opacity")) r.problem("opacity", "a watermark without text or image has no opacity");
        } else {
            if (!r.has("position")) r.add(new MissingFieldException(r.at("position"), "position (one of " + String.join(", ", POSITIONS) + ")"));
            if (!r.has("opacity")) r.add(new MissingFieldException(r.at("opacity"), "opacity (0.0 to 1.0)"));
        }
        if (position != null && !POSITIONS.contains(position)) {
            r.problem("position", "unknown position '" + position + "'; one of: " + String.join(", ", POSITIONS));
        }
        if (text != null && (text.indexOf('\n') >= 0 || text.length() > 200)) {
            r.problem("text", "must be a single line of at most 200 characters");
        }
        if (image != null) image = checkImage(r, image);
        r.finish();
        return r.hasProblems() ? null : new WatermarkPreset(id, description, text, image, position, opacity);
    }

    private static String checkImage(StrictObjectReader r, String image) {
        if (!image.toLowerCase(Locale.ROOT).endsWith(".png")) {
            r.problem("image", "must be a PNG file (for its alpha channel), got '" + image + "'");
            return null;
        }
        Path path = Path.of(image);
        if (!path.isAbsolute()) {
            if (r.baseDir() == null) {
                r.problem("image", "built-in presets cannot use a relative image path");
                return null;
            }
            path = r.baseDir().resolve(path);
        }
        path = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            r.problem("image", "image file not found: " + path);
            return null;
        }
        return path.toString();
    }
}
