package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 000's {@code manifest.json}: what a frame generator wrote and the encoder must check before encoding.
 * <pre>{"job_id":"…","width":1920,"height":1080,"fps":30,"count":150,"format":"png",
 *  "frames_prefix":"frames/frame_","pad":6,"audio":null,"colorspace":"rgb"}</pre>
 * Frames are {@code <frames_prefix><index padded to pad digits>.<format>} relative to the manifest's folder,
 * numbered consecutively from the lowest index present (generators start at 0 or 1). {@code audio} is
 * null or a file relative to the manifest's folder. Unknown fields are ignored (generators add their own).
 */
public record FrameManifest(Path folder, String jobId, int width, int height, double fps, int count, String format,
                            String framesPrefix, int pad, String audio, String colorspace) {
    private static final Set<String> FORMATS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp");
    private static final Set<String> COLORSPACES = Set.of("rgb", "srgb", "bt709");
    private static final int NAMED_MISSING = 10;

    /** The manifest or its frames do not hold together; the message lists every problem found. */
    public static final class InvalidManifestException extends Exception {
        public InvalidManifestException(String message) {
            super(message);
        }
    }

    /** Reads and checks the fields of {@code manifestFile}; frames are checked by {@link #frames()}. */
    public static FrameManifest read(Path manifestFile) throws InvalidManifestException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new InvalidManifestException("cannot read manifest " + manifestFile + ": " + e.getMessage());
        }
        if (n == null || !n.isObject()) throw new InvalidManifestException("manifest " + manifestFile + " is not a JSON object");
        List<String> problems = new ArrayList<>();
        int width = positiveInt(n, "width", problems);
        int height = positiveInt(n, "height", problems);
        int count = positiveInt(n, "count", problems);
        int pad = positiveInt(n, "pad", problems);
        if (pad > 12) problems.add("pad must be at most 12, got " + pad);
        double fps = n.path("fps").isNumber() ? n.get("fps").asDouble() : -1;
        if (!(fps > 0 && fps <= 1000)) problems.add("fps must be a number between 0 and 1000, got " + n.path("fps"));
        String format = text(n, "format", problems);
        if (format != null && !FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            problems.add("format must be one of " + new TreeSet<>(FORMATS) + ", got '" + format + "'");
        }
        String prefix = text(n, "frames_prefix", problems);
        if (prefix != null && (prefix.startsWith("/") || Path.of(prefix).normalize().startsWith(".."))) {
            problems.add("frames_prefix must stay inside the manifest's folder, got '" + prefix + "'");
        }
        String audio = n.hasNonNull("audio") ? n.get("audio").asText() : null;
        if (audio != null && (audio.startsWith("/") || Path.of(audio).normalize().startsWith(".."))) {
            problems.add("audio must be a file inside the manifest's folder, got '" + audio + "'");
        }
        String colorspace = n.hasNonNull("colorspace") ? n.get("colorspace").asText().toLowerCase(Locale.ROOT) : "rgb";
        if (!COLORSPACES.contains(colorspace)) problems.add("colorspace must be one of " + new TreeSet<>(COLORSPACES)
                + ", got '" + colorspace + "'");
        if (!problems.isEmpty()) {
            throw new InvalidManifestException("manifest " + manifestFile + ": " + String.join("; ", problems));
        }
        return new FrameManifest(manifestFile.toAbsolutePath().getParent(), n.path("job_id").asText(null), width, height,
                fps, count, format.toLowerCase(Locale.ROOT), prefix, pad, audio, colorspace);
    }

    /** The frames present, checked against {@code count}: consecutive, none missing, none extra. */
    public Frames frames() throws InvalidManifestException {
        Path prefixPath = folder.resolve(framesPrefix);
        Path dir = framesPrefix.endsWith("/") ? prefixPath : prefixPath.getParent();
        String stem = framesPrefix.endsWith("/") ? "" : prefixPath.getFileName().toString();
        Pattern name = Pattern.compile(Pattern.quote(stem) + "(\\d{" + pad + "})\\." + Pattern.quote(format));
        TreeSet<Integer> present = new TreeSet<>();
        if (!Files.isDirectory(dir)) throw new InvalidManifestException("frames folder " + dir + " does not exist");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f)) present.add(Integer.parseInt(m.group(1)));
            }
        } catch (IOException e) {
            throw new InvalidManifestException("cannot list frames in " + dir + ": " + e.getMessage());
        }
        if (present.isEmpty()) {
            throw new InvalidManifestException("no frames named " + fileName(0).replace(pad(0), "%0" + pad + "d") + " in " + dir);
        }
        // numbering starts at 0 or 1; a later first frame means the first ones are missing
        int start = Math.min(present.first(), 1);
        List<String> missing = new ArrayList<>();
        int missingCount = 0;
        for (int i = start; i < start + count; i++) {
            if (!present.contains(i)) {
                missingCount++;
                if (missing.size() < NAMED_MISSING) missing.add(fileName(i));
            }
        }
        long extra = present.stream().filter(i -> i < start || i >= start + count).count();
        if (missingCount > 0 || extra > 0) {
            StringBuilder msg = new StringBuilder("manifest count is " + count + " but " + present.size() + " frame"
                    + (present.size() == 1 ? " is" : "s are") + " present in " + dir);
            if (missingCount > 0) {
                msg.append("; missing ").append(missingCount).append(": ").append(String.join(", ", missing));
                if (missingCount > missing.size()) msg.append(", …");
            }
            if (extra > 0) {
                msg.append("; ").append(extra).append(" beyond the count (")
                        .append(fileName(present.stream().filter(i -> i < start || i >= start + count).findFirst().orElseThrow()))
                        .append(extra > 1 ? ", …" : "").append(")");
            }
            throw new InvalidManifestException(msg.toString());
        }
        return new Frames(dir, stem, start, dir.resolve(fileName(start)));
    }

    /**
     * The frames on disk.
     *
     * @param pattern printf pattern for FFmpeg's image2 demuxer ('%' in the folder doubled)
     */
    public record Frames(Path dir, String stem, int startNumber, Path first) {
    }

    /** The image2 pattern of the frames. */
    public String pattern(Frames frames) {
        String dir = frames.dir().toAbsolutePath().normalize().toString().replace("%", "%%");
        return dir + "/" + frames.stem().replace("%", "%%") + "%0" + pad + "d." + format;
    }

    /** The frame rate as FFmpeg reads it: integers as is, NTSC rates as N*1000/1001, others in decimal. */
    public String frameRate() {
        return FrameRates.of(fps);
    }

    public double durationSeconds() {
        return count / fps;
    }

    public boolean rgb() {
        return !colorspace.equals("bt709");
    }

    private String fileName(int i) {
        String stem = framesPrefix.endsWith("/") ? "" : Path.of(framesPrefix).getFileName().toString();
        return stem + pad(i) + "." + format;
    }

    private String pad(int i) {
        return String.format("%0" + pad + "d", i);
    }

    private static int positiveInt(JsonNode n, String field, List<String> problems) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            problems.add(field + " must be a positive integer, got " + (v == null ? "nothing" : v.toString()));
            return 0;
        }
        return v.asInt();
    }

    private static String text(JsonNode n, String field, List<String> problems) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(field + " must be a non-empty string");
            return null;
        }
        return v.asText();
    }
}
