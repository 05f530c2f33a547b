package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.ingest.DownloadException;
import dev.spool.ingest.UrlDownloader;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ingest}: downloads a media URL ({@link UrlDownloader}: retries, magic bytes, size limit, address
 * policy, one download per URL) and publishes a copy in the output folder under its name (the extension
 * follows the content, whatever the URL said). Spec: {@code url}, {@code output} (default: the URL's file
 * name), {@code maxBytes}, {@code outputDir}.
 */
public final class IngestExecutor extends OperationExecutor {
    public static final String KIND = "ingest";
    private final UrlDownloader downloader;
    private final MediaProber prober;

    public IngestExecutor(OperationKit kit, UrlDownloader downloader, MediaProber prober) {
        super(KIND, kit);
        this.downloader = downloader;
        this.prober = prober;
    }

    @Override
    protected TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop {
        JsonNode spec = kit.spec(task);
        URI url = URI.create(spec.path("url").asText());
        long maxBytes = spec.path("maxBytes").asLong(downloader.settings().maxBytes());
        ctx.progress(Map.of("phase", "downloading"));
        UrlDownloader.Download d;
        try {
            d = downloader.fetch(url, maxBytes, ctx::stopRequested);
        } catch (DownloadException e) {
            throw OperationKit.Stop.failed(ctx.stopRequested() ? "stopped: " + ctx.stopReason() : e.getMessage());
        }
        String name = spec.path("output").asText();
        if (!spec.path("outputNamed").asBoolean(false)) name = withExtension(name, d.signature().extension());
        Path target = kit.finalPath(OperationKit.JSON.valueToTree(withOutput(spec, name)));
        Path temp = kit.temp(target, task);
        Files.copy(d.file(), temp);
        Double seconds = null;
        if (!d.signature().isImage()) {
            ProbeResult probed = prober.probe(temp);
            if (probed instanceof ProbeResult.Unreadable u) {
                OperationKit.delete(temp);
                throw OperationKit.Stop.failed("downloaded file looks like " + d.signature() + " but is not readable media: "
                        + u.message());
            }
            MediaMetadata m = ((ProbeResult.Probed) probed).metadata();
            seconds = m.time().durationSeconds();
        }
        kit.publish(temp, target);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", url.toString());
        details.put("type", d.signature().name());
        details.put("attempts", d.attempts());
        details.put("shared", d.shared());
        return OperationKit.completed(List.of(OperationKit.output("download", target, d.sizeBytes(),
                d.signature().extension(), null, seconds)), details, List.of());
    }

    private static Map<String, Object> withOutput(JsonNode spec, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outputDir", spec.path("outputDir").asText());
        m.put("output", name);
        return m;
    }

    /** {@code clip.bin} with MP4 content becomes {@code clip.mp4}; a matching extension is kept. */
    static String withExtension(String name, String ext) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String current = dot > 0 ? name.substring(dot + 1).toLowerCase() : "";
        if (current.equals(ext) || (ext.equals("jpg") && current.equals("jpeg")) || (ext.equals("mov") && current.equals("mp4"))
                || (ext.equals("mp4") && (current.equals("m4v") || current.equals("mov")))
                || (ext.equals("mkv") && current.equals("webm"))) {
            return name;
        }
        return stem + "." + ext;
    }
}
