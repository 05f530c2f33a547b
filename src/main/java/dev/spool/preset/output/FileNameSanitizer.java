package dev.spool.preset.output;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a rendered name safe as one file name on Linux, macOS and Windows volumes (camera cards and shared
 * drives are often exFAT or SMB):
 * <ul>
 *   <li>path separators, {@code : * ? " < > |} and control characters become {@code _}, so a name can never
 *       create or escape a folder;</li>
 *   <li>leading {@code -}, {@code .} and spaces are removed, so a name is never read as an option by a command
 *       line tool and never becomes hidden or {@code ..};</li>
 *   <li>trailing dots and spaces are removed (Windows drops them silently);</li>
 *   <li>Windows device names ({@code CON}, {@code NUL}, {@code COM1} ...) get a leading {@code _};</li>
 *   <li>the result is at most {@value #MAX_BYTES} bytes of UTF-8, leaving room for {@code _999} and an extension
 *       within the common 255-byte limit;</li>
 *   <li>an empty result becomes {@value #EMPTY_NAME}.</li>
 * </ul>
 */
public final class FileNameSanitizer {
    /** Longest name kept, in UTF-8 bytes. */
    public static final int MAX_BYTES = 200;
    /** The name used when nothing usable is left. */
    public static final String EMPTY_NAME = "output";

    private static final String REPLACED = "/\\:*?\"<>|";
    private static final Set<String> DEVICE_NAMES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNameSanitizer() {
    }

    /** The safe form of {@code name} (a file name without extension). */
    public static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || REPLACED.indexOf(cp) >= 0) out.append('_');
            else out.appendCodePoint(cp);
        });
        String safe = stripEnds(out.toString());
        safe = truncate(safe);
        if (safe.isEmpty()) return EMPTY_NAME;
        String base = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
        if (DEVICE_NAMES.contains(base.toUpperCase(Locale.ROOT))) safe = "_" + safe;
        return safe;
    }

    private static String stripEnds(String s) {
        int start = 0;
        while (start < s.length() && (s.charAt(start) == '-' || s.charAt(start) == '.' || Character.isWhitespace(s.charAt(start)))) start++;
        int end = s.length();
        while (end > start && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) end--;
        return s.substring(start, end);
    }

    private static String truncate(String s) {
        if (s.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) return s;
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BYTES) break;
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return stripEnds(out.toString());
    }
}
