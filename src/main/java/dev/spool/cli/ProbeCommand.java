package dev.spool.cli;

import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code spool probe FILE... [--json]}: prints the metadata of each file. Exit 0 when every file was
 * read, 2 when any input is bad (the others are still printed), 3 when ffprobe is unusable.
 */
@Command(name = "probe", description = "Show media metadata (time, image, codec, audio, workflow verdicts) of files.")
public final class ProbeCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Media files to probe.")
    List<Path> files;

    @Option(names = "--json", description = "Print a JSON array, one object per file; unknown values are null.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MediaProber prober = new MediaProber(global.mediaTools());
        List<ProbeResult> results = prober.probeAll(files, Math.max(2, Runtime.getRuntime().availableProcessors()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> array = new ArrayList<>();
            results.forEach(r -> array.add(toJson(r)));
            out.println(JsonOutput.write(array));
        } else {
            results.forEach(r -> printHuman(out, r));
        }
        out.flush();
        long bad = results.stream().filter(r -> r instanceof ProbeResult.Unreadable).count();
        boolean anyBad = bad > 0;
        if (anyBad) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("spool: " + bad + " of " + results.size() + " input" + (results.size() == 1 ? "" : "s")
                    + " could not be read as media");
            err.flush();
        }
        return anyBad ? ExitCode.INVALID_INPUT : ExitCode.OK;
    }

    private static Map<String, Object> toJson(ProbeResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", r.path().toString());
        if (r instanceof ProbeResult.Probed p) {
            o.put("status", "probed");
            o.put("metadata", p.metadata());
        } else if (r instanceof ProbeResult.Unreadable u) {
            o.put("status", "unreadable");
            o.put("kind", u.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            o.put("message", u.message());
        }
        return o;
    }

    private static void printHuman(PrintWriter out, ProbeResult r) {
        out.println(r.path());
        if (r instanceof ProbeResult.Unreadable u) {
            out.println("  unreadable  " + u.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + u.message());
            out.println();
            return;
        }
        MediaMetadata m = ((ProbeResult.Probed) r).metadata();
        MediaMetadata.Time t = m.time();
        MediaMetadata.Image i = m.image();
        MediaMetadata.Codec c = m.codec();
        out.println("  summary     " + m.assessment().summary());
        out.println("  file        " + m.identity().size() + " bytes, modified " + m.identity().modified());
        out.println("  time        duration " + (t.durationSeconds() == null ? "unknown" : String.format(Locale.ROOT, "%.3f s", t.durationSeconds()))
                + ", frame rate " + v(t.frameRate()) + (t.averageFrameRate() != null && !t.averageFrameRate().equals(t.frameRate())
                ? " (average " + t.averageFrameRate() + ")" : "")
                + ", VFR " + yesNo(t.variableFrameRate()));
        out.println("  timecode    " + (t.startTimecode() == null ? "none"
                : t.startTimecode() + (Boolean.TRUE.equals(t.dropFrame()) ? " drop-frame" : " non-drop")
                + (t.reelName() == null ? "" : ", reel " + t.reelName())));
        if (m.hasVideo()) {
            out.println("  image       " + v(i.width()) + "x" + v(i.height()) + ", aspect " + v(i.displayAspect())
                    + ", " + v(i.bitDepth()) + "-bit " + v(i.chromaSubsampling()) + " (" + v(i.pixelFormat()) + "), "
                    + (i.fieldOrder() == null ? "field order unknown" : i.fieldOrder().label()));
        }
        out.println("  codec       " + v(c.codec()) + ", profile " + v(c.profile()) + ", level " + v(c.level())
                + ", " + (c.gop() == null ? "GOP unknown" : c.gop().json()) + ", container " + v(c.containerLongName()));
        if (m.audio().isEmpty()) {
            out.println("  audio       none");
        }
        for (MediaMetadata.AudioTrack a : m.audio()) {
            out.println("  audio " + a.index() + "     " + v(a.codec()) + ", " + v(a.channels()) + " ch"
                    + (a.channelLayout() == null ? "" : " (" + a.channelLayout() + ")") + ", " + v(a.sampleRate()) + " Hz");
        }
        out.println("  supported   " + (m.workflow().supported() ? "yes" : "no: " + m.workflow().skipReason()));
        for (String w : m.workflow().warnings()) {
            out.println("  warning     " + w);
        }
        out.println("  editorial   " + (m.assessment().editorialFriendly() ? "friendly" : "not friendly")
                + "; " + m.assessment().recommendation());
        out.println();
    }

    private static String v(Object value) {
        return value == null ? "unknown" : value.toString();
    }

    private static String yesNo(Boolean b) {
        return b == null ? "unknown" : b ? "yes" : "no";
    }
}
