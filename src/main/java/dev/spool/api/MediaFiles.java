package dev.spool.api;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Server-side media the dashboard may pick sources from: {@code GET /api/v1/fs} browses folders under the
 * browsable roots, {@code POST /api/v1/uploads} stores an uploaded clip under the data directory.
 *
 * <p>Browsable roots are the configured media roots ({@code SPOOL_MEDIA_ROOTS}) or, when none are configured,
 * only {@code <data dir>/media} (created on first use): a server without roots accepts job paths anywhere, but
 * its file browser must not expose the whole disk. The uploads folder {@code <data dir>/uploads} is always a
 * browsable root (and an allowed source root, see {@link #sourceRoots}). Paths are compared after resolving
 * symbolic links, so a link inside a root cannot lead out of it.
 */
final class MediaFiles {
    /** Default largest upload: 4 GiB. */
    static final long DEFAULT_MAX_UPLOAD_BYTES = 4L * 1024 * 1024 * 1024;
    /** A folder listing stops after this many entries (and says so). */
    static final int MAX_ENTRIES = 2000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final List<Path> configuredRoots;
    private final Path dataDir;
    private final long maxUploadBytes;
    private final Clock clock;

    MediaFiles(List<Path> mediaRoots, Path dataDir, long maxUploadBytes, Clock clock) {
        this.configuredRoots = mediaRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
        this.maxUploadBytes = maxUploadBytes;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get(JobRoutes.V1 + "/fs", this::list);
        app.post(JobRoutes.V1 + "/uploads", this::upload);
    }

    /** Where uploads go; null without a data directory (uploads then answer 503). */
    Path uploadsDir() {
        return dataDir == null ? null : dataDir.resolve("uploads");
    }

    /**
     * Roots job sources must lie in: the configured media roots plus the uploads folder; empty (anything
     * allowed, the API's rule without roots) when no media roots are configured.
     */
    List<Path> sourceRoots() {
        if (configuredRoots.isEmpty()) return List.of();
        List<Path> roots = new ArrayList<>(configuredRoots);
        if (uploadsDir() != null) roots.add(uploadsDir());
        return roots;
    }

    /** The roots the browser may show, labelled. */
    Map<String, Path> browseRoots() {
        Map<String, Path> roots = new LinkedHashMap<>();
        if (!configuredRoots.isEmpty()) {
            for (Path r : configuredRoots) roots.put(r.toString(), r);
        } else if (dataDir != null) {
            roots.put("media (" + dataDir.resolve("media") + ")", dataDir.resolve("media"));
        }
        if (uploadsDir() != null) roots.put("uploads", uploadsDir());
        return roots;
    }

    private void list(Context ctx) throws IOException {
        String requested = ctx.queryParam("path");
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        if (requested == null || requested.isBlank()) {
            for (Map.Entry<String, Path> r : browseRoots().entrySet()) {
                if (dataDir != null && r.getValue().startsWith(dataDir)) Files.createDirectories(r.getValue());
                entries.add(entry(r.getKey(), r.getValue(), true, null));
            }
            out.put("path", null);
            out.put("parent", null);
            out.put("entries", entries);
            out.put("truncated", false);
            ctx.json(out);
            return;
        }
        Path dir = inside(requested);
        if (!Files.isDirectory(dir)) throw ApiError.invalidField("path", "not a folder: " + requested);
        boolean truncated = false;
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> sorted = children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p))
                            .thenComparing(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            for (Path p : sorted) {
                if (entries.size() >= MAX_ENTRIES) {
                    truncated = true;
                    break;
                }
                Optional<BasicFileAttributes> a = attributes(p);
                if (a.isEmpty()) continue;
                boolean isDir = a.get().isDirectory();
                entries.add(entry(p.getFileName().toString(), p, isDir, isDir ? null : a.get().size()));
            }
        }
        Path parent = dir.getParent();
        boolean isRoot = browseRoots().values().stream().anyMatch(r -> real(r).equals(dir));
        out.put("path", dir.toString());
        out.put("parent", isRoot || parent == null ? null : parent.toString());
        out.put("entries", entries);
        out.put("truncated", truncated);
        ctx.json(out);
    }

    private static Map<String, Object> entry(String name, Path path, boolean dir, Long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("path", path.toString());
        m.put("type", dir ? "dir" : "file");
        m.put("sizeBytes", size);
        return m;
    }

    /** The real path of {@code requested} when it lies under a browsable root; 403 otherwise. */
    Path inside(String requested) {
        Path p;
        try {
            p = Path.of(requested);
        } catch (java.nio.file.InvalidPathException e) {
            throw ApiError.invalidField("path", "not a valid path: " + requested);
        }
        if (!p.isAbsolute()) throw ApiError.invalidField("path", "give an absolute path (from GET /api/v1/fs)");
        if (!Files.exists(p)) throw ApiError.notFound("no such folder: " + requested);
        Path real = real(p);
        for (Path root : browseRoots().values()) {
            if (Files.exists(root) && real.startsWith(real(root))) return real;
        }
        throw ApiError.forbidden("'" + requested + "' is outside the folders this server lets you browse "
                + browseRoots().values());
    }

    private void upload(Context ctx) throws IOException {
        Path uploads = uploadsDir();
        if (uploads == null) {
            throw new ApiError(503, "uploads_unavailable", "this server has no data directory to store uploads in", null);
        }
        String name = safeName(ctx.queryParam("name"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes) throw tooLarge();
        Path folder = uploads.resolve(STAMP.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(folder);
        Path partial = folder.resolve("." + name + ".part");
        long size = 0;
        byte[] head = new byte[16];
        int headLen = 0;
        try {
            try (InputStream in = ctx.req().getInputStream(); OutputStream out = Files.newOutputStream(partial)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (headLen < head.length) {
                        int take = Math.min(n, head.length - headLen);
                        System.arraycopy(buf, 0, head, headLen, take);
                        headLen += take;
                    }
                    size += n;
                    if (size > maxUploadBytes) throw tooLarge();
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) throw ApiError.badRequest("empty_body", "post the file's bytes as the request body");
            Optional<UploadType> type = UploadType.sniff(java.util.Arrays.copyOf(head, headLen));
            if (type.isEmpty()) {
                throw new ApiError(415, "unsupported_media_type", "'" + name + "' is not a supported file: uploads must "
                        + "be MP4/MOV, WebM/MKV, AVI, MXF, PNG or JPEG (checked by the file's first bytes, not its name)",
                        Map.of("field", "file"));
            }
            Path target = folder.resolve(name);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", target.toString());
            m.put("name", name);
            m.put("sizeBytes", size);
            m.put("type", type.get().label);
            ctx.status(201).json(m);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            try (Stream<Path> left = Files.list(folder)) {
                if (left.findAny().isEmpty()) Files.deleteIfExists(folder);
            }
            throw e;
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "the upload is larger than the limit of " + maxUploadBytes
                + " bytes", Map.of("limitBytes", maxUploadBytes, "field", "file"));
    }

    /** The file name part of {@code raw}, without separators, control characters or a leading dot or dash. */
    static String safeName(String raw) {
        if (raw == null || raw.isBlank()) throw ApiError.invalidField("name", "give the file's name: ?name=clip.mov");
        String base = raw.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        base = base.replaceAll("^[.\\-]+", "");
        if (base.isEmpty() || base.length() > 200) {
            throw ApiError.invalidField("name", "the file name must be 1 to 200 characters and not only dots");
        }
        return base;
    }

    private static Optional<BasicFileAttributes> attributes(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** Upload types recognised by their first bytes (magic numbers), never by name or declared type. */
    enum UploadType {
        MP4_MOV("MP4/MOV"), WEBM_MKV("WebM/MKV"), AVI("AVI"), MXF("MXF"), PNG("PNG"), JPEG("JPEG");

        final String label;

        UploadType(String label) {
            this.label = label;
        }

        static Optional<UploadType> sniff(byte[] h) {
            if (h.length >= 12 && ascii(h, 4, "ftyp")) return Optional.of(MP4_MOV);
            // QuickTime files may start with other top-level atoms
            if (h.length >= 8 && (ascii(h, 4, "moov") || ascii(h, 4, "mdat") || ascii(h, 4, "wide")
                    || ascii(h, 4, "free") || ascii(h, 4, "skip"))) return Optional.of(MP4_MOV);
            if (starts(h, 0x1A, 0x45, 0xDF, 0xA3)) return Optional.of(WEBM_MKV);
            if (h.length >= 12 && ascii(h, 0, "RIFF") && ascii(h, 8, "AVI ")) return Optional.of(AVI);
            if (starts(h, 0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01)) return Optional.of(MXF);
            if (starts(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of(PNG);
            if (starts(h, 0xFF, 0xD8, 0xFF)) return Optional.of(JPEG);
            return Optional.empty();
        }

        private static boolean ascii(byte[] h, int at, String s) {
            if (h.length < at + s.length()) return false;
            for (int i = 0; i < s.length(); i++) if (h[at + i] != (byte) s.charAt(i)) return false;
            return true;
        }

        private static boolean starts(byte[] h, int... magic) {
            if (h.length < magic.length) return false;
            for (int i = 0; i < magic.length; i++) if ((h[i] & 0xFF) != magic[i]) return false;
            return true;
        }
    }
}
