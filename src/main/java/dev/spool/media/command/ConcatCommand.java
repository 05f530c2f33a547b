package dev.spool.media.command;

import dev.spool.media.tools.FileArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ordered clips joined into one video with cuts, fades through black, or dissolves. Pure.
 *
 * <p>Every clip is first normalized to the target frame (scaled to fit, padded, square pixels), frame rate,
 * pixel format and time base, and its audio to 48 kHz stereo trimmed/padded to the clip's duration (a clip
 * without audio contributes silence), so clips of different sizes, rates and layouts join cleanly. Then:
 * <ul>
 *   <li>cut: {@code concat}; total = sum of durations</li>
 *   <li>fade: each junction fades the outgoing clip to black over T and the incoming one up from black over
 *       T (audio likewise), then {@code concat}; total = sum</li>
 *   <li>dissolve: a chain of {@code xfade} (video) and {@code acrossfade} (audio), each overlapping T;
 *       total = sum - (n-1)·T</li>
 * </ul>
 * Order: global flags, inputs, {@code -filter_complex}, maps, codecs, output.
 */
public record ConcatCommand(Path ffmpeg, List<Clip> clips, int width, int height, String fps, Transition transition,
                            double transitionSeconds, List<String> videoArgs, Path output, String container) {

    public enum Transition { CUT, FADE, DISSOLVE }

    /** One input clip with its duration (seconds) and whether it has audio. */
    public record Clip(Path path, double durationSeconds, boolean hasAudio) {
    }

    public boolean withAudio() {
        return clips.stream().anyMatch(Clip::hasAudio);
    }

    /** What the output should last. */
    public double expectedSeconds() {
        double sum = clips.stream().mapToDouble(Clip::durationSeconds).sum();
        return transition == Transition.DISSOLVE ? sum - (clips.size() - 1) * transitionSeconds : sum;
    }

    public List<String> build() {
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostats", "-progress", "pipe:1", "-y"));
        for (Clip c : clips) a.addAll(List.of("-i", FileArgument.of(c.path())));
        a.addAll(List.of("-filter_complex", filterGraph(), "-map", "[vout]"));
        if (withAudio()) a.addAll(List.of("-map", "[aout]"));
        a.addAll(videoArgs);
        if (withAudio()) a.addAll(DeliveryEncoding.audioArgs());
        a.addAll(List.of("-f", container, FileArgument.of(output)));
        return a;
    }

    /** The filter graph; public for tests that read it. */
    public String filterGraph() {
        boolean audio = withAudio();
        int n = clips.size();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Clip c = clips.get(i);
            String d = num(c.durationSeconds());
            StringBuilder v = new StringBuilder();
            v.append('[').append(i).append(":v:0]")
                    .append("scale=").append(width).append(':').append(height).append(":force_original_aspect_ratio=decrease,")
                    .append("pad=").append(width).append(':').append(height).append(":(ow-iw)/2:(oh-ih)/2,setsar=1,")
                    .append("fps=").append(fps).append(",format=yuv420p,trim=duration=").append(d)
                    .append(",setpts=PTS-STARTPTS");
            StringBuilder au = new StringBuilder();
            if (audio) {
                au.append(c.hasAudio()
                        ? "[" + i + ":a:0]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad,"
                        : "anullsrc=r=48000:cl=stereo,aformat=sample_fmts=fltp,");
                au.append("atrim=duration=").append(d).append(",asetpts=PTS-STARTPTS");
            }
            if (transition == Transition.FADE) {
                String t = num(transitionSeconds);
                String outStart = num(c.durationSeconds() - transitionSeconds);
                if (i > 0) {
                    v.append(",fade=t=in:st=0:d=").append(t);
                    if (audio) au.append(",afade=t=in:st=0:d=").append(t);
                }
                if (i < n - 1) {
                    v.append(",fade=t=out:st=").append(outStart).append(":d=").append(t);
                    if (audio) au.append(",afade=t=out:st=").append(outStart).append(":d=").append(t);
                }
            }
            v.append(",settb=AVTB[v").append(i).append(']');
            parts.add(v.toString());
            if (audio) parts.add(au.append("[a").append(i).append(']').toString());
        }
        if (transition == Transition.DISSOLVE) {
            String t = num(transitionSeconds);
            String prevV = "v0";
            String prevA = "a0";
            double offset = 0;
            for (int i = 1; i < n; i++) {
                offset += clips.get(i - 1).durationSeconds() - transitionSeconds;
                String outV = i == n - 1 ? "vout" : "x" + i;
                String outA = i == n - 1 ? "aout" : "y" + i;
                parts.add("[" + prevV + "][v" + i + "]xfade=transition=fade:duration=" + t + ":offset=" + num(offset)
                        + "[" + outV + "]");
                if (audio) parts.add("[" + prevA + "][a" + i + "]acrossfade=d=" + t + ":c1=tri:c2=tri[" + outA + "]");
                prevV = outV;
                prevA = outA;
            }
        } else {
            StringBuilder cat = new StringBuilder();
            for (int i = 0; i < n; i++) {
                cat.append("[v").append(i).append(']');
                if (audio) cat.append("[a").append(i).append(']');
            }
            cat.append("concat=n=").append(n).append(":v=1:a=").append(audio ? 1 : 0).append("[vout]");
            if (audio) cat.append("[aout]");
            parts.add(cat.toString());
        }
        return String.join(";", parts);
    }

    static String num(double s) {
        String f = String.format(Locale.ROOT, "%.6f", s);
        return f.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
