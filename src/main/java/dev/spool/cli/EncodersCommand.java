package dev.spool.cli;

import dev.spool.media.encoder.EncoderDetector;
import dev.spool.media.encoder.EncoderReport;
import dev.spool.media.encoder.EncoderSelector;
import dev.spool.media.encoder.EncoderStatus;
import dev.spool.media.tools.MediaTools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code spool encoders [--json]}: per codec family, what ffmpeg lists, what really works (trial
 * encode) with the reason when not, and which encoder Spool would choose.
 */
@Command(name = "encoders", description = "Show which video encoders work on this machine and which Spool chooses.")
public final class EncodersCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    GlobalOptions global;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--force-cpu", description = "Choose CPU encoders only (also: SPOOL_FORCE_CPU=1).")
    boolean forceCpu;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MediaTools tools = global.mediaTools();
        boolean cpuOnly = forceCpu || EncoderSelector.forceCpuFromEnvironment(System.getenv()) || global.config().forceCpu();
        // always trial-encode afresh here (a driver may have been installed) and refresh the engine's disk cache
        EncoderDetector detector = new EncoderDetector(tools)
                .withDiskCache(global.config().dataDir().resolve("cache").resolve("encoders.json"));
        detector.forgetOnDisk();
        EncoderReport report = new EncoderSelector(detector, cpuOnly,
                EncoderSelector.DEFAULT_FAILURES_BEFORE_DISABLE).report();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ffmpeg", Map.of("path", tools.ffmpeg().toString(), "version", tools.ffmpegVersion().raw()));
            o.put("forceCpu", report.forceCpu());
            o.put("disabledDevices", report.disabledDevices());
            o.put("families", report.families());
            out.println(JsonOutput.write(o));
        } else {
            out.println("ffmpeg " + tools.ffmpegVersion() + " (" + tools.ffmpeg() + ")"
                    + (report.forceCpu() ? ", CPU encoders forced" : ""));
            for (EncoderReport.FamilyReport f : report.families()) {
                out.println();
                out.println(f.family() + ": chosen " + (f.chosen() == null ? "NONE (no working encoder)" : f.chosen()));
                out.println("  listed by ffmpeg: " + (f.listed().isEmpty() ? "none" : String.join(", ", f.listed())));
                for (EncoderStatus s : f.encoders()) {
                    String state = !s.listed() ? "not in this build"
                            : s.works() ? "works" : "unusable: " + s.reason();
                    out.printf("  %-20s %-13s %s%n", s.name(), s.accelerator(), state);
                }
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
