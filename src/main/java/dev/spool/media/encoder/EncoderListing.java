package dev.spool.media.encoder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ffmpeg -encoders}: which video encoders this build was compiled with, and the codec
 * each produces. Compiled in is not the same as working — see {@link EncoderDetector}. Pure.
 */
public final class EncoderListing {
    private static final Pattern LINE = Pattern.compile("^\\s*V[F.][S.][X.][B.][D.]\\s+(\\S+)\\s+(.*)$");
    private static final Pattern CODEC = Pattern.compile("\\(codec (\\S+)\\)\\s*$");

    private EncoderListing() {
    }

    /** Video encoder name to the codec it produces, in listing order. */
    public static Map<String, String> videoEncoders(String encodersOutput) {
        Map<String, String> encoders = new LinkedHashMap<>();
        for (String line : encodersOutput.split("\\R")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                Matcher codec = CODEC.matcher(m.group(2));
                encoders.put(m.group(1), codec.find() ? codec.group(1) : m.group(1));
            }
        }
        return encoders;
    }
}
