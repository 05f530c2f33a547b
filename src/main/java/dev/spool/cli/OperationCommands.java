package dev.spool.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.engine.JobRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One command per operation ({@code spool sequence|concat|extract|render|thumbnails|ingest}) and
 * {@code spool do JOB.json} for several operations with dependencies. Each builds the same task spec the API
 * takes ({@code docs/OPERATIONS.md}) and runs it in this process like {@code spool run}: live progress,
 * exit 0 when it completed, 1 when it failed, 2 on invalid input.
 */
final class OperationCommands {
    private OperationCommands() {
    }

    /** Shared: options every operation command has, and running one task. */
    abstract static class Operation implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--codec", paramLabel = "h264|hevc|av1", description = "Video codec (default h264; hardware "
                + "encoder when one works here, else CPU).")
        String codec;

        @Spec
        CommandSpec spec;

        /** The task (without outputDir/output). */
        abstract Map<String, Object> task();

        /** Where the output goes: a file (or folder) whose parent becomes the job's output folder. */
        abstract Path out();

        boolean videoOutput() {
            return true;
        }

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> task = task();
            if (codec != null && videoOutput()) task.put("codec", codec);
            Path target = out().toAbsolutePath().normalize();
            if (target.getParent() == null) throw CliException.invalidInput("--out must name a file inside a folder");
            task.put("output", target.getFileName().toString());
            return RunCommand.runJob(global, spec.commandLine().getOut(),
                    JobRequest.ofTasks(List.of(task), target.getParent().toString()), null);
        }
    }

    static Map<String, Object> newTask(String kind) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", kind);
        return t;
    }

    static String path(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    @Command(name = "sequence", description = "Encode a folder of frames described by manifest.json into a video.")
    static final class Sequence extends Operation {
        @Parameters(index = "0", paramLabel = "DIR", description = "Folder holding manifest.json (and the frames it names).")
        Path dir;

        @Option(names = "--manifest", paramLabel = "NAME", description = "Manifest file name in DIR (default manifest.json).")
        String manifest;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output video (.mp4, .mov or .mkv).")
        Path out;

        @Override
        Map<String, Object> task() {
            Map<String, Object> t = newTask("sequence");
            t.put("dir", path(dir));
            if (manifest != null) t.put("manifest", manifest);
            return t;
        }

        @Override
        Path out() {
            return out;
        }
    }

    @Command(name = "concat", description = "Join clips in order with cuts, fades through black or dissolves.")
    static final class Concat extends Operation {
        @Parameters(arity = "2..*", paramLabel = "CLIPS", description = "Clips in order.")
        List<Path> clips;

        @Option(names = "--transition", paramLabel = "cut|fade:S|dissolve:S",
                description = "Transition and its seconds, e.g. dissolve:0.5 (default cut).")
        String transition;

        @Option(names = "--size", paramLabel = "WxH", description = "Normalize to this frame (default: the first clip's).")
        String size;

        @Option(names = "--fps", paramLabel = "RATE", description = "Normalize to this frame rate (default: the first clip's).")
        Double fps;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output video.")
        Path out;

        @Override
        Map<String, Object> task() {
            Map<String, Object> t = newTask("concat");
            t.put("inputs", clips.stream().map(OperationCommands::path).toList());
            if (transition != null) {
                String[] p = transition.split(":", 2);
                t.put("transition", p[0]);
                if (p.length == 2) {
                    try {
                        t.put("transitionSeconds", Double.parseDouble(p[1]));
                    } catch (NumberFormatException e) {
                        throw CliException.invalidInput("--transition: '" + p[1] + "' is not a number of seconds");
                    }
                }
            }
            Map<String, Object> normalize = new LinkedHashMap<>();
            if (size != null) {
                String[] wh = size.toLowerCase().split("x");
                try {
                    normalize.put("width", Integer.parseInt(wh[0]));
                    normalize.put("height", Integer.parseInt(wh[1]));
                } catch (RuntimeException e) {
                    throw CliException.invalidInput("--size must be WIDTHxHEIGHT, e.g. 1280x720");
                }
            }
            if (fps != null) normalize.put("fps", fps);
            if (!normalize.isEmpty()) t.put("normalize", normalize);
            return t;
        }

        @Override
        Path out() {
            return out;
        }
    }

    @Command(name = "extract", description = "Cut a clip between two points (frame-accurate, or stream copy from a keyframe).")
    static final class Extract extends Operation {
        @Parameters(index = "0", paramLabel = "SOURCE")
        Path source;

        @Option(names = "--in", required = true, paramLabel = "POS", description = "In point: seconds, HH:MM:SS.mmm or timecode HH:MM:SS:FF.")
        String in;

        @Option(names = "--to", required = true, paramLabel = "POS", description = "Out point, same forms as --in.")
        String to;

        @Option(names = "--copy", description = "Stream copy (no re-encode): starts at the keyframe at or before --in.")
        boolean copy;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output clip.")
        Path out;

        @Override
        Map<String, Object> task() {
            Map<String, Object> t = newTask("extract");
            t.put("input", path(source));
            t.put("in", in);
            t.put("out", to);
            if (copy) t.put("copy", true);
            return t;
        }

        @Override
        Path out() {
            return out;
        }
    }

    @Command(name = "render", description = "Render audio over a still image or a colour (optionally a waveform) into a video.")
    static final class Render extends Operation {
        @Parameters(index = "0", paramLabel = "AUDIO")
        Path audio;

        @ArgGroup(exclusive = true)
        Picture picture;

        static final class Picture {
            @Option(names = "--image", paramLabel = "IMG", description = "Still image shown for the whole audio.")
            Path image;

            @Option(names = "--color", paramLabel = "COLOR", description = "Solid colour: a name or #RRGGBB (default black).")
            String color;
        }

        @Option(names = "--waveform", description = "Draw the audio's waveform across the middle.")
        boolean waveform;

        @Option(names = "--size", paramLabel = "WxH", description = "Frame size (default 1280x720).")
        String size;

        @Option(names = "--fps", paramLabel = "N", description = "Frame rate (default 25).")
        Integer fps;

        @Option(names = "--loudnorm", description = "Normalize loudness to EBU R128 (-23 LUFS, -1 dBTP) in two passes.")
        boolean loudnorm;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output video.")
        Path out;

        @Override
        Map<String, Object> task() {
            Map<String, Object> t = newTask("render");
            t.put("audio", path(audio));
            if (picture != null && picture.image != null) t.put("image", path(picture.image));
            if (picture != null && picture.color != null) t.put("color", picture.color);
            if (waveform) t.put("waveform", true);
            if (size != null) {
                String[] wh = size.toLowerCase().split("x");
                try {
                    t.put("width", Integer.parseInt(wh[0]));
                    t.put("height", Integer.parseInt(wh[1]));
                } catch (RuntimeException e) {
                    throw CliException.invalidInput("--size must be WIDTHxHEIGHT, e.g. 1280x720");
                }
            }
            if (fps != null) t.put("fps", fps);
            if (loudnorm) t.put("loudnorm", true);
            return t;
        }

        @Override
        Path out() {
            return out;
        }
    }

    @Command(name = "thumbnails", description = "A poster frame, N evenly spaced thumbnails and/or a sprite sheet with a WebVTT index.")
    static final class Thumbnails extends Operation {
        @Parameters(index = "0", paramLabel = "SOURCE")
        Path source;

        @Option(names = "--poster", paramLabel = "POS|PCT", description = "Poster frame at a time (seconds, timecode) or a percentage (50%).")
        String poster;

        @Option(names = "--count", paramLabel = "N", description = "Evenly spaced thumbnails (and sprite tiles).")
        Integer count;

        @Option(names = "--sprite", description = "Also a sprite sheet (sprite.jpg) with its WebVTT index (sprite.vtt).")
        boolean sprite;

        @Option(names = "--columns", paramLabel = "N", description = "Sprite columns (default 5).")
        Integer columns;

        @Option(names = "--width", paramLabel = "PX", description = "Thumbnail width (default 160; height follows the aspect).")
        Integer width;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to create for the images.")
        Path out;

        @Override
        boolean videoOutput() {
            return false;
        }

        @Override
        Map<String, Object> task() {
            Map<String, Object> t = newTask("thumbnails");
            t.put("input", path(source));
            if (poster != null) t.put("poster", poster);
            if (count != null) t.put("count", count);
            if (sprite) t.put("sprite", true);
            if (columns != null) t.put("columns", columns);
            if (width != null) t.put("width", width);
            return t;
        }

        @Override
        Path out() {
            return out;
        }
    }

    @Command(name = "ingest", description = "Download a media URL (retries, media check, size limit) into a folder.")
    static final class Ingest extends Operation {
        @Parameters(index = "0", paramLabel = "URL")
        String url;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder the file is saved in.")
        Path dir;

        @Option(names = "--name", paramLabel = "FILE", description = "File name (default: the URL's, extension from the content).")
        String name;

        @Option(names = "--max-bytes", paramLabel = "N", description = "Refuse downloads larger than this.")
        Long maxBytes;

        @Override
        boolean videoOutput() {
            return false;
        }

        @Override
        Map<String, Object> task() {
            Map<String, Object> t = newTask("ingest");
            t.put("url", url);
            if (maxBytes != null) t.put("maxBytes", maxBytes);
            return t;
        }

        @Override
        Path out() {
            return dir;
        }

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> task = task();
            if (name != null) task.put("output", name);
            return RunCommand.runJob(global, spec.commandLine().getOut(),
                    JobRequest.ofTasks(List.of(task), path(dir)), null);
        }
    }

    @Command(name = "do", description = "Run a job of several operations from a JSON file: "
            + "{\"outputDir\":…, \"tasks\":[{\"kind\":\"ingest\",…},{\"kind\":\"transcode\",\"input\":{\"fromTask\":0},…}]}.")
    static final class Do implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "JOB.json")
        Path file;

        @Option(names = "--slots", paramLabel = "N", description = "Tasks run at the same time (default: half the cores).")
        Integer slots;

        @Spec
        CommandSpec spec;

        /** The file's shape: the API's body for a job of operations. */
        record JobFile(String name, String outputDir, String preset, List<Map<String, Object>> tasks) {
        }

        @Override
        public Integer call() throws InterruptedException {
            JobFile job;
            try {
                job = JSON.readValue(Files.readString(file), JobFile.class);
            } catch (IOException e) {
                throw CliException.invalidInput("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (job.tasks() == null || job.tasks().isEmpty()) throw CliException.invalidInput(file + ": tasks are required");
            String outputDir = job.outputDir() == null ? null
                    : file.toAbsolutePath().getParent().resolve(job.outputDir()).normalize().toString();
            JobRequest request = new JobRequest(job.name(), List.of(), job.preset(), outputDir, null, null, null, true,
                    List.of(), new ArrayList<>(job.tasks()));
            return RunCommand.runJob(global, spec.commandLine().getOut(), request, slots);
        }
    }
}
