package dev.spool.preset;

import dev.spool.domain.OutputSpec;

/**
 * SCALING: the output picture size. File fields: {@code id, description, mode, width, height}.
 * <ul>
 *   <li>{@code source}: keep the source size (no width/height).</li>
 *   <li>{@code fit}: scale to fit inside width x height keeping the aspect ratio; one side may be
 *       omitted to derive it from the aspect ratio.</li>
 *   <li>{@code fill}: cover width x height keeping the aspect ratio, cropping the overflow.</li>
 *   <li>{@code exact}: exactly width x height, ignoring the aspect ratio.</li>
 * </ul>
 * Width and height must be even (4:2:0 and 4:2:2 encoders reject odd sizes); the media layer rounds a
 * derived side to even as well.
 */
public record ScalingPreset(String id, String description, Mode mode, Integer width, Integer height)
        implements CategoryPreset {

    /** How the target box is applied. */
    public enum Mode { SOURCE, FIT, FILL, EXACT }

    /** Largest accepted side, 16K. */
    public static final int MAX_SIDE = 16_384;

    @Override
    public PresetCategory category() {
        return PresetCategory.SCALING;
    }

    /** The scale for an {@link OutputSpec}; null for {@link Mode#SOURCE} (keep the source size). */
    public OutputSpec.Scale toScale() {
        return switch (mode) {
            case SOURCE -> null;
            case FIT -> new OutputSpec.Scale(OutputSpec.ScaleMode.FIT, width, height);
            case FILL -> new OutputSpec.Scale(OutputSpec.ScaleMode.FILL, width, height);
            case EXACT -> new OutputSpec.Scale(OutputSpec.ScaleMode.EXACT, width, height);
        };
    }

    static ScalingPreset read(StrictObjectReader r, String id, String description) {
        Mode mode = r.requiredChoice("mode", Mode.class);
        Integer width = r.optionalInt("width", 2, MAX_SIDE);
        Integer height = r.optionalInt("height", 2, MAX_SIDE);
        if (width != null && width % 2 != 0) r.problem("width", "must be even, got " + width);
        if (height != null && height % 2 != 0) r.problem("height", "must be even, got " + height);
        if (mode == Mode.SOURCE && (r.has("width") || r.has("height"))) {
            r.problem(r.has("width") ? "width" : "height", "mode source keeps the source size; remove width and height");
        } else if (mode == Mode.FIT && !r.has("width") && !r.has("height")) {
            r.add(new MissingFieldException(r.at("width"), "width or height (mode fit needs at least one)"));
        } else if ((mode == Mode.FILL || mode == Mode.EXACT) && (!r.has("width") || !r.has("height"))) {
            String missing = r.has("width") ? "height" : "width";
            r.add(new MissingFieldException(r.at(missing), missing + " (mode " + mode.name().toLowerCase() + " needs both width and height)"));
        }
        r.finish();
        return r.hasProblems() ? null : new ScalingPreset(id, description, mode, width, height);
    }
}
