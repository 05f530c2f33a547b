package dev.spool.media.command;

import dev.spool.domain.OutputSpec;

import java.util.List;

/**
 * Output frame size for a {@link OutputSpec.Scale}, computed from the source's display size. Both
 * dimensions are always even (4:2:0 encoders require it) and at least 2.
 *
 * @param width   output width
 * @param height  output height
 * @param filters the FFmpeg filters producing it, e.g. {@code scale=640:360}, {@code setsar=1}
 */
public record ScalePlan(int width, int height, List<String> filters) {

    /**
     * @param sourceWidth  coded width of the source
     * @param sourceHeight coded height of the source
     * @param sampleAspect source pixel aspect ("1:1", "4:3"), null for square pixels
     */
    public static ScalePlan of(int sourceWidth, int sourceHeight, String sampleAspect, OutputSpec.Scale scale) {
        double displayWidth = sourceWidth * sar(sampleAspect);
        Integer w = scale.width();
        Integer h = scale.height();
        switch (scale.mode()) {
            case FIT -> {
                if (w == null && h == null) {
                    throw new IllegalArgumentException("scale FIT needs a width, a height or both");
                }
                // fit inside the box and never enlarge: a proxy of a small source keeps its size
                double ratio = Math.min(1.0, Math.min(w == null ? Double.MAX_VALUE : w / displayWidth,
                        h == null ? Double.MAX_VALUE : (double) h / sourceHeight));
                int outW = Math.min(Math.min(even(displayWidth * ratio), evenFloor(Math.round(displayWidth))),
                        w == null ? Integer.MAX_VALUE : evenFloor(w));
                int outH = Math.min(Math.min(even(sourceHeight * ratio), evenFloor(sourceHeight)),
                        h == null ? Integer.MAX_VALUE : evenFloor(h));
                return new ScalePlan(outW, outH, List.of("scale=" + outW + ":" + outH, "setsar=1"));
            }
            case FILL -> {
                requireBoth(scale);
                int boxW = evenFloor(w);
                int boxH = evenFloor(h);
                double ratio = Math.max(boxW / displayWidth, (double) boxH / sourceHeight);
                int scaledW = Math.max(boxW, evenCeil(displayWidth * ratio));
                int scaledH = Math.max(boxH, evenCeil(sourceHeight * ratio));
                return new ScalePlan(boxW, boxH, List.of("scale=" + scaledW + ":" + scaledH, "setsar=1",
                        "crop=" + boxW + ":" + boxH));
            }
            case EXACT -> {
                requireBoth(scale);
                int outW = evenFloor(w);
                int outH = evenFloor(h);
                return new ScalePlan(outW, outH, List.of("scale=" + outW + ":" + outH, "setsar=1"));
            }
            default -> throw new IllegalArgumentException("unknown scale mode " + scale.mode());
        }
    }

    private static void requireBoth(OutputSpec.Scale scale) {
        if (scale.width() == null || scale.height() == null) {
            throw new IllegalArgumentException("scale " + scale.mode() + " needs both width and height");
        }
    }

    private static double sar(String sampleAspect) {
        if (sampleAspect == null) {
            return 1.0;
        }
        String[] p = sampleAspect.split(":");
        double num = Double.parseDouble(p[0]);
        double den = Double.parseDouble(p[1]);
        return num > 0 && den > 0 ? num / den : 1.0;
    }

    private static int even(double v) {
        return Math.max(2, (int) Math.round(v / 2) * 2);
    }

    private static int evenFloor(double v) {
        return Math.max(2, (int) Math.floor(v / 2) * 2);
    }

    private static int evenCeil(double v) {
        return Math.max(2, (int) Math.ceil(v / 2 - 1e-9) * 2);
    }
}
