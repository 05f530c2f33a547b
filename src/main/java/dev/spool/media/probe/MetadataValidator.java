package dev.spool.media.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges metadata the way an assistant editor would (002's validators): can Spool process it, what
 * is unusual about it, can an editor cut it natively, and what should be done with it. Pure functions.
 */
public final class MetadataValidator {
    /** Frame rates editorial systems handle natively, exactly. */
    static final Set<Rational> STANDARD_FRAME_RATES = Set.of(
            new Rational(24000, 1001), new Rational(24, 1), new Rational(25, 1), new Rational(30000, 1001),
            new Rational(30, 1), new Rational(48000, 1001), new Rational(48, 1), new Rational(50, 1),
            new Rational(60000, 1001), new Rational(60, 1), new Rational(100, 1), new Rational(120000, 1001),
            new Rational(120, 1));

    private MetadataValidator() {
    }

    /** Returns {@code base} with its {@link MediaMetadata.Workflow} and {@link MediaMetadata.Assessment} filled in. */
    public static MediaMetadata assess(MediaMetadata base) {
        MediaMetadata.Workflow workflow = validate(base);
        MediaMetadata withWorkflow = base.withVerdicts(workflow, null);
        return base.withVerdicts(workflow, new MediaMetadata.Assessment(
                isEditorialFriendly(withWorkflow), recommendation(withWorkflow), summarize(withWorkflow)));
    }

    /** Sanity checks: unsupported files get a skip reason, unusual ones warnings. */
    public static MediaMetadata.Workflow validate(MediaMetadata m) {
        String skip = null;
        if (!m.hasVideo()) {
            skip = m.audio().isEmpty() ? "no video or audio stream" : "audio only: no video stream to process";
        } else if (m.image().width() == null || m.image().height() == null) {
            skip = "video stream has no frame size";
        } else if (m.time().durationSeconds() == null) {
            skip = "duration unknown";
        }
        List<String> warnings = new ArrayList<>();
        if (m.hasVideo()) {
            if (Boolean.TRUE.equals(m.time().variableFrameRate())) {
                warnings.add("variable frame rate (average " + fps(m.time().averageFrameRate())
                        + " fps): editorial timelines may drift; conform to a constant rate");
            }
            Rational rate = m.time().frameRate();
            if (rate == null) {
                warnings.add("frame rate unknown");
            } else if (!STANDARD_FRAME_RATES.contains(rate)) {
                warnings.add("uncommon frame rate " + rate + " (" + fps(rate) + " fps)");
            }
            if (m.codec().gop() == MediaMetadata.GopStructure.LONG_GOP) {
                warnings.add("long-GOP " + m.codec().codec() + ": heavy to scrub and cut; use an intra proxy or mezzanine");
            }
            if (m.image().fieldOrder() != null && m.image().fieldOrder().interlaced()) {
                warnings.add("interlaced (" + m.image().fieldOrder().label() + "): deinterlace for web outputs");
            }
            Integer w = m.image().width();
            Integer h = m.image().height();
            if (w != null && h != null && (w % 2 != 0 || h % 2 != 0)) {
                warnings.add("odd frame size " + w + "x" + h + ": outputs are scaled to even dimensions");
            }
            if (m.time().startTimecode() == null) {
                warnings.add("no start timecode: proxies will start at 00:00:00:00");
            }
        }
        if (m.audio().isEmpty() && m.hasVideo()) {
            warnings.add("no audio tracks");
        }
        return new MediaMetadata.Workflow(skip == null, skip, warnings);
    }

    /** Intra-frame, constant standard frame rate, progressive or not, and supported: an editor can cut it as is. */
    public static boolean isEditorialFriendly(MediaMetadata m) {
        return m.workflow() != null && m.workflow().supported()
                && m.codec().gop() == MediaMetadata.GopStructure.INTRA
                && Boolean.FALSE.equals(m.time().variableFrameRate())
                && m.time().frameRate() != null && STANDARD_FRAME_RATES.contains(m.time().frameRate());
    }

    /** What to do with the file, for a human. */
    public static String recommendation(MediaMetadata m) {
        if (m.workflow() != null && !m.workflow().supported()) {
            return "skip: " + m.workflow().skipReason();
        }
        if (Boolean.TRUE.equals(m.time().variableFrameRate())) {
            return "conform to a constant frame rate (a mezzanine) before editing";
        }
        if (isEditorialFriendly(m)) {
            return "edit natively; make proxies only if the resolution is too heavy for the edit system";
        }
        if (m.codec().gop() == MediaMetadata.GopStructure.LONG_GOP) {
            return "make intra-frame editorial proxies (ProRes Proxy or DNxHR LB) with timecode preserved";
        }
        return "make editorial proxies with timecode preserved";
    }

    /** One line: {@code name: 1920x1080 prores HQ 10-bit 4:2:2, 29.97 fps, 00:00:03.00, TC 01:00:00;00, 2 audio}. */
    public static String summarize(MediaMetadata m) {
        StringBuilder s = new StringBuilder(m.identity().name()).append(": ");
        if (m.hasVideo()) {
            s.append(orQ(m.image().width())).append('x').append(orQ(m.image().height())).append(' ').append(m.codec().codec());
            if (m.codec().profile() != null) {
                s.append(' ').append(m.codec().profile());
            }
            if (m.image().bitDepth() != null) {
                s.append(' ').append(m.image().bitDepth()).append("-bit");
            }
            if (m.image().chromaSubsampling() != null) {
                s.append(' ').append(m.image().chromaSubsampling());
            }
            if (m.image().fieldOrder() != null && m.image().fieldOrder().interlaced()) {
                s.append(" interlaced");
            }
            s.append(", ").append(m.time().frameRate() == null ? "? fps" : fps(m.time().frameRate()) + " fps");
            if (Boolean.TRUE.equals(m.time().variableFrameRate())) {
                s.append(" VFR");
            }
        } else {
            s.append("no video");
        }
        s.append(", ").append(m.time().durationSeconds() == null ? "duration ?" : clock(m.time().durationSeconds()));
        if (m.time().startTimecode() != null) {
            s.append(", TC ").append(m.time().startTimecode());
        }
        s.append(", ").append(m.audio().isEmpty() ? "no audio" : m.audio().size() + " audio");
        return s.toString();
    }

    static String fps(Rational rate) {
        if (rate == null) {
            return "?";
        }
        String s = String.format(Locale.ROOT, "%.3f", rate.toDouble());
        return s.replaceAll("\\.?0+$", "");
    }

    private static String clock(double seconds) {
        long centis = Math.round(seconds * 100);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%02d",
                centis / 360000, centis / 6000 % 60, centis / 100 % 60, centis % 100);
    }

    private static String orQ(Integer v) {
        return v == null ? "?" : v.toString();
    }
}
