package dev.spool.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a downloaded file is, judged by its first bytes (magic numbers), never by the server's
 * Content-Type or the URL's extension: an error page served as {@code video.mp4} is refused.
 */
public enum MediaSignature {
    MP4("mp4"), MOV("mov"), WEBM("webm"), MKV("mkv"), AVI("avi"), PNG("png"), JPEG("jpg");

    /** Bytes {@link #detect} wants to see (fewer work for short files). */
    public static final int HEAD_BYTES = 64;

    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private final String extension;

    MediaSignature(String extension) {
        this.extension = extension;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG;
    }

    /** The signature of a file starting with {@code head}, or empty when it is none of the accepted kinds. */
    public static Optional<MediaSignature> detect(byte[] head) {
        if (startsWith(head, 0, PNG_MAGIC)) return Optional.of(PNG);
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, EBML)) {
            // the EBML header names the DocType; WebM is the restricted Matroska profile
            return Optional.of(indexOf(head, "webm".getBytes(StandardCharsets.US_ASCII)) >= 0 ? WEBM : MKV);
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "AVI ")) return Optional.of(AVI);
        if (ascii(head, 4, "ftyp")) return Optional.of(ascii(head, 8, "qt  ") ? MOV : MP4);
        // QuickTime files from older cameras may start with another top-level atom
        for (String atom : new String[] {"moov", "mdat", "wide", "free", "skip", "pnot"}) {
            if (ascii(head, 4, atom)) return Optional.of(MOV);
        }
        return Optional.empty();
    }

    /** A short printable description of unrecognised content, for the error message. */
    public static String describe(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 24), StandardCharsets.ISO_8859_1);
        String printable = text.replaceAll("[^\\x20-\\x7E]", ".");
        return "\"" + printable + "\"";
    }

    private static boolean ascii(byte[] head, int at, String s) {
        return startsWith(head, at, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] head, int at, byte[] magic) {
        return head.length >= at + magic.length && Arrays.equals(head, at, at + magic.length, magic, 0, magic.length);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
