package dev.spool.operations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Positions in a clip as users write them, measured from the clip's first frame: seconds ({@code 1.5}),
 * clock time ({@code 00:00:01.500}) or SMPTE timecode ({@code 00:00:01:12}, drop-frame {@code 00:01:00;02}).
 * Timecode counts frames at the nominal rate (24, 25, 30 …) and is converted through the clip's real rate
 * (23.976, 29.97 …), so a timecode always lands on a frame boundary.
 */
public final class Timecodes {
    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):([0-5]?\\d):([0-5]?\\d(?:\\.\\d+)?)");
    private static final Pattern SMPTE = Pattern.compile("(\\d+):([0-5]\\d):([0-5]\\d)([:;])(\\d{2})");

    private Timecodes() {
    }

    /** Why {@code text} is not a position, or null when it is one. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) return "a position is required";
        String t = text.trim();
        if (SECONDS.matcher(t).matches() || CLOCK.matcher(t).matches() || SMPTE.matcher(t).matches()) return null;
        return "'" + text + "' is not a position: use seconds (1.5), HH:MM:SS.mmm or timecode HH:MM:SS:FF";
    }

    /** True when the position is a timecode and so needs the clip's frame rate. */
    public static boolean isTimecode(String text) {
        return SMPTE.matcher(text.trim()).matches();
    }

    /**
     * Seconds from the clip's start.
     *
     * @param fps the clip's real frame rate (e.g. 30000/1001 as 29.97…); needed for timecode only
     */
    public static double seconds(String text, double fps) {
        String t = text.trim();
        if (SECONDS.matcher(t).matches()) return Double.parseDouble(t);
        Matcher c = CLOCK.matcher(t);
        if (c.matches()) {
            return Integer.parseInt(c.group(1)) * 3600 + Integer.parseInt(c.group(2)) * 60 + Double.parseDouble(c.group(3));
        }
        Matcher s = SMPTE.matcher(t);
        if (!s.matches()) throw new IllegalArgumentException(problem(text));
        if (!(fps > 0)) throw new IllegalArgumentException("timecode " + text + " needs the clip's frame rate, which is unknown");
        int nominal = (int) Math.round(fps);
        int h = Integer.parseInt(s.group(1));
        int m = Integer.parseInt(s.group(2));
        int sec = Integer.parseInt(s.group(3));
        int ff = Integer.parseInt(s.group(5));
        if (ff >= nominal) throw new IllegalArgumentException("timecode " + text + ": frame " + ff + " does not exist at "
                + nominal + " fps");
        long frames = ((long) h * 3600 + m * 60L + sec) * nominal + ff;
        if (s.group(4).equals(";")) {
            // drop-frame: two (four at 59.94) frame numbers are skipped each minute except every tenth
            int drop = nominal / 30 * 2;
            long minutes = h * 60L + m;
            frames -= drop * (minutes - minutes / 10);
        }
        return frames / fps;
    }
}
