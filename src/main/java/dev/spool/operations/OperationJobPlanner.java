package dev.spool.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.engine.InvalidJobRequestException;
import dev.spool.engine.JobRequest;
import dev.spool.engine.JobSubmitter;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.preset.QueuePreset;
import dev.spool.preset.output.FileNameSanitizer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a job spec with {@code tasks} into a job: each entry has a {@code kind} and that kind's fields,
 * inputs are paths or {@code {"fromTask": N, "output": M}} (which makes task N a dependency), and every
 * problem is refused before anything is created, with the field named ({@code tasks[1].transitionSeconds}).
 * The kinds and their fields are documented in docs/OPERATIONS.md.
 */
public final class OperationJobPlanner {
    public static final List<String> KINDS = List.of(IngestExecutor.KIND, JobSubmitter.TRANSCODE, SequenceExecutor.KIND,
            ConcatExecutor.KIND, ExtractExecutor.KIND, RenderExecutor.KIND, ThumbnailsExecutor.KIND);
    private static final List<String> CODECS = List.of("h264", "hevc", "av1");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}|[a-zA-Z]{3,20}");
    private static final int MAX_TASKS = 1000;

    /** Checks that a path lies inside the configured media roots; throws naming the field otherwise. */
    @FunctionalInterface
    public interface RootCheck {
        void check(String field, Path path);
    }

    private final PresetRegistry presets;
    private final RootCheck roots;

    public OperationJobPlanner(PresetRegistry presets, RootCheck roots) {
        this.presets = presets;
        this.roots = roots;
    }

    public NewJob plan(JobRequest request) {
        if (!request.sources().isEmpty()) {
            throw new InvalidJobRequestException("sources", "give either sources (a transcode job) or tasks, not both");
        }
        if (!request.outputs().isEmpty()) {
            throw new InvalidJobRequestException("outputs", "inline outputs apply to sources; tasks use presets");
        }
        if (request.tasks().size() > MAX_TASKS) {
            throw new InvalidJobRequestException("tasks", "at most " + MAX_TASKS + " tasks per job");
        }
        if (request.outputDir() == null || request.outputDir().isBlank()) {
            throw new InvalidJobRequestException("outputDir", "an output folder is required");
        }
        Path out = Path.of(request.outputDir()).toAbsolutePath().normalize();
        roots.check("outputDir", out);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidJobRequestException("outputDir", "output folder " + out + " is a file, not a folder");
        }
        if (request.priority() != null && (request.priority() < -1000 || request.priority() > 1000)) {
            throw new InvalidJobRequestException("priority", "priority must be between -1000 and 1000");
        }
        if (request.maxAttempts() != null && (request.maxAttempts() < 1 || request.maxAttempts() > 100)) {
            throw new InvalidJobRequestException("maxAttempts", "maxAttempts must be between 1 and 100");
        }
        if (request.presetId() != null) resolvePreset("preset", request.presetId());

        List<NewTask> tasks = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        Map<String, Integer> outputNames = new HashMap<>();
        String firstPreset = request.presetId();
        for (int i = 0; i < request.tasks().size(); i++) {
            Map<String, Object> raw = request.tasks().get(i);
            if (raw == null) throw new InvalidJobRequestException("tasks[" + i + "]", "a task must be an object");
            Object kindValue = raw.get("kind");
            if (!(kindValue instanceof String kind) || !KINDS.contains(kind)) {
                throw new InvalidJobRequestException("tasks[" + i + "].kind", "kind must be one of " + KINDS
                        + (kindValue == null ? "" : ", got '" + kindValue + "'"));
            }
            TaskFields f = new TaskFields(raw, i, kind);
            Planned p = switch (kind) {
                case IngestExecutor.KIND -> ingest(f);
                case JobSubmitter.TRANSCODE -> transcode(f, request.presetId());
                case SequenceExecutor.KIND -> sequence(f, i);
                case ConcatExecutor.KIND -> concat(f, i);
                case ExtractExecutor.KIND -> extract(f, i);
                case RenderExecutor.KIND -> render(f, i);
                default -> thumbnails(f, i);
            };
            TreeSet<Integer> deps = new TreeSet<>(p.refs);
            Object explicit = f.raw("dependsOn");
            if (explicit != null) {
                if (!(explicit instanceof List<?> list)) throw f.invalid("dependsOn", "dependsOn must be a list of task indexes");
                for (Object d : list) deps.add(taskIndex(f, "dependsOn", d, i));
            }
            f.refuseUnknown();
            p.spec.put("outputDir", out.toString());
            if (p.spec.containsKey("output")) {
                String name = (String) p.spec.get("output");
                Integer other = outputNames.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
                if (other != null) {
                    throw f.invalid("output", "tasks[" + other + "] already writes '" + name + "' in " + out
                            + "; give this task another output name");
                }
            }
            if (kind.equals(JobSubmitter.TRANSCODE) && firstPreset == null) firstPreset = (String) p.spec.get("preset");
            tasks.add(new NewTask(kind, p.source, json(p.spec), List.copyOf(deps)));
            kinds.add(kind);
        }
        if (tasks.isEmpty()) throw new InvalidJobRequestException("tasks", "a job needs at least one task");
        QueuePreset queue = firstPreset == null ? null : resolvePreset("preset", firstPreset).queue();
        RecoveryPolicy policy = request.recoveryPolicy() != null ? request.recoveryPolicy()
                : queue != null ? queue.recovery() : RecoveryPolicy.MANUAL;
        int attempts = request.maxAttempts() != null ? request.maxAttempts() : queue != null ? queue.maxAttempts() : 3;
        int priority = request.priority() != null ? request.priority() : queue != null ? queue.priority() : 0;
        Map<String, Object> jobSpec = new LinkedHashMap<>();
        jobSpec.put("tasks", request.tasks());
        jobSpec.put("outputDir", out.toString());
        String name = request.name() != null ? request.name() : String.join(" + ", kinds.stream().distinct().toList());
        return new NewJob(name, priority, policy, attempts, firstPreset, out.toString(), json(jobSpec), request.start(), tasks);
    }

    /** A validated task: its source (shown in views), spec and the tasks its inputs come from. */
    private record Planned(String source, Map<String, Object> spec, List<Integer> refs) {
    }

    private Planned ingest(TaskFields f) {
        String url = f.string("url", true);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw f.invalid("url", "url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw f.invalid("url", "url must be an http or https URL with a host, got '" + url + "'");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("url", uri.toString());
        String output = outputName(f, null);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        spec.put("output", output != null ? output : last.isBlank() ? "download" : FileNameSanitizer.sanitize(last));
        spec.put("outputNamed", output != null);
        Long max = f.longValue("maxBytes", 1);
        if (max != null) spec.put("maxBytes", max);
        return new Planned(uri.toString(), spec, List.of());
    }

    private Planned transcode(TaskFields f, String jobPreset) {
        List<Integer> refs = new ArrayList<>();
        Object input = input(f, "input", true, refs);
        String preset = f.string("preset", false);
        if (preset == null) preset = jobPreset;
        if (preset == null) throw f.invalid("preset", "a transcode task needs a preset (here or the job's)");
        resolvePreset(f.field("preset"), preset);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("input", input);
        spec.put("preset", preset);
        String source = input instanceof String s ? s : null;
        if (source != null) spec.put("sourceRoot", Path.of(source).getParent().toString());
        return new Planned(source, spec, refs);
    }

    private Planned sequence(TaskFields f, int i) {
        Path dir = Path.of(f.string("dir", true)).toAbsolutePath().normalize();
        roots.check(f.field("dir"), dir);
        if (!Files.isDirectory(dir)) throw f.invalid("dir", "frames folder " + dir + " does not exist");
        String manifest = f.string("manifest", false);
        if (manifest != null && (manifest.contains("/") || manifest.contains("\\"))) {
            throw f.invalid("manifest", "manifest is a file name inside dir, got '" + manifest + "'");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dir", dir.toString());
        spec.put("manifest", manifest == null ? "manifest.json" : manifest);
        spec.put("codec", f.oneOf("codec", CODECS, "h264"));
        spec.put("output", video(outputName(f, FileNameSanitizer.sanitize(dir.getFileName().toString()) + ".mp4"), f));
        return new Planned(dir.toString(), spec, List.of());
    }

    private Planned concat(TaskFields f, int i) {
        Object raw = f.raw("inputs");
        if (!(raw instanceof List<?> list) || list.size() < 2) throw f.invalid("inputs", "inputs must list at least two clips");
        List<Integer> refs = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) inputs.add(inputValue(f, "inputs[" + k + "]", list.get(k), refs));
        String transition = f.oneOf("transition", List.of("cut", "fade", "dissolve"), "cut");
        Double seconds = f.number("transitionSeconds", 0, 10);
        if (!transition.equals("cut") && seconds == null) {
            throw f.invalid("transitionSeconds", "a " + transition + " needs transitionSeconds (e.g. 0.5)");
        }
        if (transition.equals("cut") && seconds != null) {
            throw f.invalid("transitionSeconds", "a cut has no duration; use transition fade or dissolve");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("inputs", inputs);
        spec.put("transition", transition);
        if (seconds != null) spec.put("transitionSeconds", seconds);
        Object normalize = f.raw("normalize");
        if (normalize != null) spec.put("normalize", normalize(f, normalize));
        spec.put("codec", f.oneOf("codec", CODECS, "h264"));
        spec.put("output", video(outputName(f, "concat-" + i + ".mp4"), f));
        return new Planned(inputs.get(0) instanceof String s ? s : null, spec, refs);
    }

    private Map<String, Object> normalize(TaskFields f, Object raw) {
        if (!(raw instanceof Map<?, ?> m)) throw f.invalid("normalize", "normalize must be {\"width\":W,\"height\":H,\"fps\":R}");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (key) {
                case "width", "height" -> {
                    if (!(v instanceof Integer n) || n < 16 || n > 8192 || n % 2 != 0) {
                        throw f.invalid("normalize." + key, key + " must be an even number from 16 to 8192, got " + v);
                    }
                    out.put(key, n);
                }
                case "fps" -> {
                    if (!(v instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 240) {
                        throw f.invalid("normalize.fps", "fps must be a number above 0 and at most 240, got " + v);
                    }
                    out.put(key, n.doubleValue());
                }
                default -> throw f.invalid("normalize." + key, "unknown field '" + key + "' (known: width, height, fps)");
            }
        }
        if (out.containsKey("width") != out.containsKey("height")) {
            throw f.invalid("normalize", "give both width and height, or neither");
        }
        return out;
    }

    private Planned extract(TaskFields f, int i) {
        List<Integer> refs = new ArrayList<>();
        Object input = input(f, "input", true, refs);
        String in = position(f, "in");
        String outPoint = position(f, "out");
        if (!Timecodes.isTimecode(in) && !Timecodes.isTimecode(outPoint)
                && Timecodes.seconds(in, 0) >= Timecodes.seconds(outPoint, 0)) {
            throw f.invalid("out", "the out point (" + outPoint + ") must come after the in point (" + in + ")");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("input", input);
        spec.put("in", in);
        spec.put("out", outPoint);
        boolean copy = f.bool("copy");
        spec.put("copy", copy);
        String codec = f.oneOf("codec", CODECS, null);
        if (copy && codec != null) throw f.invalid("codec", "a stream copy keeps the source codec; drop codec or copy");
        spec.put("codec", codec == null ? "h264" : codec);
        String dflt = input instanceof String s ? stem(s) + "-clip.mp4" : "extract-" + i + ".mp4";
        spec.put("output", video(outputName(f, dflt), f));
        return new Planned(input instanceof String s ? s : null, spec, refs);
    }

    private Planned render(TaskFields f, int i) {
        List<Integer> refs = new ArrayList<>();
        Object audio = input(f, "audio", true, refs);
        Object image = input(f, "image", false, refs);
        String color = f.string("color", false);
        if (image != null && color != null) throw f.invalid("color", "give an image or a color, not both");
        if (color != null && !COLOR.matcher(color).matches()) {
            throw f.invalid("color", "color must be a name (black, navy …) or #RRGGBB, got '" + color + "'");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("audio", audio);
        if (image != null) spec.put("image", image);
        spec.put("color", color == null ? "black" : color.startsWith("#") ? "0x" + color.substring(1) : color);
        spec.put("waveform", f.bool("waveform"));
        Integer width = f.integer("width", 16, 7680);
        Integer height = f.integer("height", 16, 4320);
        if (width != null && width % 2 != 0) throw f.invalid("width", "width must be even, got " + width);
        if (height != null && height % 2 != 0) throw f.invalid("height", "height must be even, got " + height);
        spec.put("width", width == null ? 1280 : width);
        spec.put("height", height == null ? 720 : height);
        Integer fps = f.integer("fps", 1, 120);
        spec.put("fps", fps == null ? 25 : fps);
        Object loud = f.raw("loudnorm");
        if (loud instanceof Boolean b) {
            if (b) spec.put("loudnorm", Map.of("integrated", -23.0, "truePeak", -1.0, "range", 7.0));
        } else if (loud instanceof Map<?, ?> m) {
            Map<String, Object> l = new LinkedHashMap<>(Map.of("integrated", -23.0, "truePeak", -1.0, "range", 7.0));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!l.containsKey(key)) {
                    throw f.invalid("loudnorm." + key, "unknown field '" + key + "' (known: integrated, truePeak, range)");
                }
                if (!(e.getValue() instanceof Number n)) throw f.invalid("loudnorm." + key, key + " must be a number");
                double v = n.doubleValue();
                boolean ok = switch (key) {
                    case "integrated" -> v >= -70 && v <= -5;
                    case "truePeak" -> v >= -9 && v <= 0;
                    default -> v >= 1 && v <= 50;
                };
                if (!ok) throw f.invalid("loudnorm." + key, key + " out of range (integrated -70..-5 LUFS, truePeak -9..0 dBTP, range 1..50 LU)");
                l.put(key, v);
            }
            spec.put("loudnorm", l);
        } else if (loud != null) {
            throw f.invalid("loudnorm", "loudnorm must be true, false or {\"integrated\":-23,\"truePeak\":-1,\"range\":7}");
        }
        spec.put("codec", f.oneOf("codec", CODECS, "h264"));
        String dflt = audio instanceof String s ? stem(s) + ".mp4" : "render-" + i + ".mp4";
        spec.put("output", video(outputName(f, dflt), f));
        return new Planned(audio instanceof String s ? s : null, spec, refs);
    }

    private Planned thumbnails(TaskFields f, int i) {
        List<Integer> refs = new ArrayList<>();
        Object input = input(f, "input", true, refs);
        Object poster = f.raw("poster");
        String posterText = null;
        if (poster instanceof Number n) {
            if (n.doubleValue() < 0) throw f.invalid("poster", "poster time must not be negative");
            posterText = n.toString();
        } else if (poster instanceof String s) {
            if (s.trim().endsWith("%")) {
                try {
                    double pct = Double.parseDouble(s.trim().substring(0, s.trim().length() - 1));
                    if (pct < 0 || pct > 100) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw f.invalid("poster", "poster percentage must be from 0% to 100%, got '" + s + "'");
                }
            } else if (Timecodes.problem(s) != null) {
                throw f.invalid("poster", Timecodes.problem(s) + ", or a percentage such as 50%");
            }
            posterText = s.trim();
        } else if (poster != null) {
            throw f.invalid("poster", "poster must be a time (seconds, timecode) or a percentage such as \"50%\"");
        }
        Integer count = f.integer("count", 1, 500);
        boolean sprite = f.bool("sprite");
        Integer columns = f.integer("columns", 1, 50);
        Integer width = f.integer("width", 16, 1920);
        if (width != null && width % 2 != 0) throw f.invalid("width", "width must be even, got " + width);
        if (posterText == null && count == null && !sprite) {
            throw f.invalid("count", "ask for a poster, a count of thumbnails, or a sprite");
        }
        if (columns != null && !sprite) throw f.invalid("columns", "columns apply to a sprite (sprite: true)");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("input", input);
        if (posterText != null) spec.put("poster", posterText);
        spec.put("count", count == null ? (sprite ? 10 : 0) : count);
        spec.put("sprite", sprite);
        spec.put("columns", columns == null ? 5 : columns);
        spec.put("width", width == null ? 160 : width);
        String dflt = input instanceof String s ? stem(s) + "-thumbnails" : "thumbnails-" + i;
        spec.put("output", outputName(f, dflt));
        return new Planned(input instanceof String s ? s : null, spec, refs);
    }

    // ---- shared field rules ----------------------------------------------------------------------

    private Object input(TaskFields f, String name, boolean required, List<Integer> refs) {
        Object v = f.raw(name);
        if (v == null) {
            if (required) throw f.invalid(name, name + " is required for a " + f.kind() + " task: a path or {\"fromTask\": N}");
            return null;
        }
        return inputValue(f, name, v, refs);
    }

    /** A path (checked now: exists, inside the media roots) or a reference to an earlier task's output. */
    private Object inputValue(TaskFields f, String name, Object v, List<Integer> refs) {
        if (v instanceof String s) {
            if (s.isBlank()) throw f.invalid(name, name + " must not be empty");
            Path p = Path.of(s).toAbsolutePath().normalize();
            roots.check(f.field(name), p);
            if (!Files.isRegularFile(p)) throw f.invalid(name, "file not found: " + p);
            return p.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> ref = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!key.equals("fromTask") && !key.equals("output")) {
                    throw f.invalid(name + "." + key, "unknown field '" + key + "' (known: fromTask, output)");
                }
            }
            if (!m.containsKey("fromTask")) throw f.invalid(name, name + " must be a path or {\"fromTask\": N}");
            int from = taskIndex(f, name + ".fromTask", m.get("fromTask"), f.index());
            ref.put("fromTask", from);
            Object out = m.get("output");
            if (out != null) {
                if (!(out instanceof Integer o) || o < 0) throw f.invalid(name + ".output", "output must be an index from 0");
                ref.put("output", o);
            }
            refs.add(from);
            return ref;
        }
        throw f.invalid(name, name + " must be a path or {\"fromTask\": N}");
    }

    private static int taskIndex(TaskFields f, String name, Object v, int self) {
        if (!(v instanceof Integer k)) throw f.invalid(name, name + " must be the index of an earlier task");
        if (k < 0 || k >= self) {
            throw f.invalid(name, "task " + self + " can only depend on an earlier task (0 to " + (self - 1) + "), got " + k);
        }
        return k;
    }

    private static String position(TaskFields f, String name) {
        Object v = f.raw(name);
        if (v instanceof Number n) {
            if (n.doubleValue() < 0) throw f.invalid(name, name + " must not be negative");
            return n.toString();
        }
        if (v == null) throw f.invalid(name, name + " is required: seconds (1.5), HH:MM:SS.mmm or timecode HH:MM:SS:FF");
        if (!(v instanceof String s)) throw f.invalid(name, name + " must be seconds or a timecode string");
        String problem = Timecodes.problem(s);
        if (problem != null) throw f.invalid(name, problem);
        return s.trim();
    }

    /** The task's output name: one file (or folder) name inside the job's output folder. */
    private static String outputName(TaskFields f, String dflt) {
        String name = f.string("output", false);
        if (name == null) return dflt;
        if (name.contains("/") || name.contains("\\") || name.equals("..") || name.startsWith(".")) {
            throw f.invalid("output", "output is a file name inside the job's outputDir (no folders, not hidden), got '"
                    + name + "'");
        }
        if (!FileNameSanitizer.sanitize(name).equals(name)) {
            throw f.invalid("output", "output '" + name + "' has characters not allowed in file names; try '"
                    + FileNameSanitizer.sanitize(name) + "'");
        }
        return name;
    }

    private static String video(String name, TaskFields f) {
        if (name == null) return null;
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".mp4") && !lower.endsWith(".mov") && !lower.endsWith(".mkv")) {
            throw f.invalid("output", "output must end in .mp4, .mov or .mkv, got '" + name + "'");
        }
        return name;
    }

    private static String stem(String path) {
        String n = Path.of(path).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private dev.spool.preset.ResolvedPreset resolvePreset(String field, String id) {
        try {
            return presets.resolve(id);
        } catch (PresetValidationException e) {
            throw new InvalidJobRequestException(field, e.getMessage());
        }
    }

    private static String json(Object o) {
        try {
            return OperationKit.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
