package dev.spool.cli;

import dev.spool.domain.Job;
import dev.spool.engine.JobRequest;
import dev.spool.media.tools.MediaTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code spool demo}: generates a handful of sample clips (different codecs and sizes, one deliberately
 * broken) in the data directory, runs an editorial proxy job on them with live progress, and prints the
 * report. The broken clip fails with its reason while the others complete: warn-and-continue, visibly.
 */
@Command(name = "demo", description = "Generate sample clips (one broken) and run a proxy job on them.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--preset", defaultValue = "h264_540p_proxy", description = "Preset to run (default ${DEFAULT-VALUE}).")
    String preset;

    @Spec
    CommandSpec spec;

    /** One sample: file name and the ffmpeg arguments between the inputs and the output. */
    private record Sample(String name, List<String> args) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("A001_C001_h264.mp4", List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=2",
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-preset", "veryfast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest")),
            new Sample("A001_C002_prores.mov", List.of("-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=24000/1001:duration=2", "-f", "lavfi", "-i",
                    "sine=frequency=660:duration=2", "-c:v", "prores_ks", "-profile:v", "3", "-pix_fmt", "yuv422p10le",
                    "-c:a", "pcm_s16le", "-timecode", "01:00:00:00", "-metadata", "reel_name=A001", "-shortest")),
            new Sample("A002_C001_mpeg2.mpg", List.of("-f", "lavfi", "-i", "smptebars=size=480x270:rate=25:duration=2",
                    "-f", "lavfi", "-i", "sine=frequency=880:duration=2", "-c:v", "mpeg2video", "-q:v", "4",
                    "-c:a", "mp2", "-shortest")),
            new Sample("A002_C002_mjpeg.avi", List.of("-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=25",
                    "-t", "2", "-c:v", "mjpeg", "-q:v", "5", "-an")));

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        MediaTools tools = global.mediaTools();
        Path demo = global.config().dataDir().resolve("demo");
        Path media = demo.resolve("media");
        Files.createDirectories(media);
        List<String> made = new ArrayList<>();
        for (Sample s : SAMPLES) {
            Path target = media.resolve(s.name());
            if (!Files.exists(target)) {
                generate(tools.ffmpeg(), s, target);
                made.add(s.name());
            }
        }
        Path broken = media.resolve("A002_C003_broken.mov");
        if (!Files.exists(broken)) {
            // the first 4 KB of a real clip: a container header with no media behind it, like an interrupted copy
            byte[] head;
            try (InputStream in = Files.newInputStream(media.resolve(SAMPLES.get(1).name()))) {
                head = in.readNBytes(4096);
            }
            Files.write(broken, head);
            made.add(broken.getFileName().toString());
        }
        if (!made.isEmpty()) out.println("Generated sample clips in " + media + ": " + String.join(", ", made));
        out.println("Running preset " + preset + " on " + (SAMPLES.size() + 1) + " clips (one is broken on purpose).");
        out.flush();
        Job done = RunCommand.runToEnd(global, out, JobRequest.of(List.of(media.toString()), preset,
                demo.resolve("proxies").toString()), null);
        // The demo worked when exactly the broken clip failed and every other clip completed.
        var c = done.counts();
        boolean asDesigned = c.completed() == SAMPLES.size() && c.failed() == 1 && c.skipped() == 0;
        out.println(asDesigned ? "Demo finished as designed: " + SAMPLES.size() + " proxies in " + demo.resolve("proxies")
                + "; the broken clip failed with its reason and did not stop the others."
                : "Demo did not finish as designed: see the clip lines above.");
        out.flush();
        return asDesigned ? ExitCode.OK : ExitCode.FINISHED_WITH_FAILURES;
    }

    private static void generate(Path ffmpeg, Sample s, Path target) throws IOException, InterruptedException {
        Path temp = target.resolveSibling(".tmp-" + target.getFileName());
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(s.args());
        cmd.add("-f");
        cmd.add(formatOf(s.name()));
        cmd.add("file:" + temp.toAbsolutePath());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = p.getInputStream(); OutputStream ignored = p.getOutputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            Files.deleteIfExists(temp);
            throw CliException.environment("could not generate sample " + s.name() + " with " + ffmpeg + ": "
                    + new String(output).strip());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String formatOf(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "mpg" -> "mpeg";
            case "mp4" -> "mp4";
            default -> ext;
        };
    }
}
