package dev.spool.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;

/**
 * Downloads media URLs into a content cache keyed by URL, robustly (004): retries with exponential backoff
 * on network errors and 5xx/408/429 answers, magic-byte validation (an HTML error page is refused, not
 * saved), a size limit checked against Content-Length and while streaming, the address policy checked for
 * the URL and again for every redirect, and exactly one download per URL however many tasks ask for it at
 * once: concurrent callers in this process share one in-flight download, other processes on this machine
 * wait on a file lock and then find the cached file. Bytes go to a temporary name in the cache folder and
 * are renamed into place only once complete and valid.
 */
public final class UrlDownloader {
    private static final Logger log = LoggerFactory.getLogger(UrlDownloader.class);
    private static final String TEMP_PREFIX = ".part-";

    /** Waits between attempts; tests pass one that records instead of sleeping long. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * A downloaded file in the cache.
     *
     * @param attempts  HTTP attempts this call made (0 when served from the cache or by another caller)
     * @param shared    true when another caller's in-flight download or the cache provided it
     */
    public record Download(URI url, Path file, MediaSignature signature, long sizeBytes, int attempts, boolean shared) {
    }

    private final IngestSettings settings;
    private final AddressPolicy policy;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final ConcurrentMap<String, CompletableFuture<Download>> inFlight = new ConcurrentHashMap<>();

    public UrlDownloader(IngestSettings settings, AddressPolicy policy, Sleeper sleeper) {
        this.settings = settings;
        this.policy = policy;
        this.sleeper = sleeper;
        // redirects are followed by hand so that each hop is checked against the address policy
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout()).build();
    }

    public UrlDownloader(IngestSettings settings) {
        this(settings, new AddressPolicy(settings.allowPrivate()), d -> Thread.sleep(d.toMillis()));
    }

    public IngestSettings settings() {
        return settings;
    }

    /**
     * The file for {@code url}: from the cache, from a download in flight, or downloaded now.
     *
     * @param maxBytes  this request's limit (at most the settings' limit)
     * @param stopped   polled between attempts and while streaming; true abandons the download
     * @throws DownloadException when no acceptable file could be obtained
     */
    public Download fetch(URI url, long maxBytes, BooleanSupplier stopped) {
        String problem = policy.problem(url);
        if (problem != null) throw new DownloadException(problem, false);
        String key = url.toString();
        CompletableFuture<Download> mine = new CompletableFuture<>();
        CompletableFuture<Download> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                Download d = running.join();
                return new Download(d.url(), d.file(), d.signature(), d.sizeBytes(), 0, true);
            } catch (CompletionException e) {
                if (e.getCause() instanceof DownloadException de) throw de;
                throw e;
            }
        }
        try {
            Download d = fetchLocked(url, Math.min(maxBytes, settings.maxBytes()), stopped);
            mine.complete(d);
            return d;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** How many callers are waiting on the download of {@code url} in flight (for tests and metrics). */
    int waitingFor(URI url) {
        CompletableFuture<Download> f = inFlight.get(url.toString());
        return f == null ? 0 : f.getNumberOfDependents();
    }

    private Download fetchLocked(URI url, long maxBytes, BooleanSupplier stopped) {
        String hash = hash(url.toString());
        try {
            Files.createDirectories(settings.cacheDir());
            try (FileChannel lockFile = FileChannel.open(settings.cacheDir().resolve(hash + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Optional<Download> cached = cached(url, hash);
                if (cached.isPresent()) return cached.get();
                return downloadWithRetries(url, hash, maxBytes, stopped);
            }
        } catch (IOException e) {
            throw new DownloadException("cannot use the ingest cache " + settings.cacheDir() + ": " + e.getMessage(), false, e);
        }
    }

    private Optional<Download> cached(URI url, String hash) throws IOException {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(settings.cacheDir(), hash + ".*")) {
            for (Path p : found) {
                if (p.getFileName().toString().endsWith(".lock")) continue;
                byte[] head = head(p);
                Optional<MediaSignature> sig = MediaSignature.detect(head);
                if (sig.isPresent()) {
                    log.info("ingest: {} served from cache {}", url, p);
                    return Optional.of(new Download(url, p, sig.get(), Files.size(p), 0, true));
                }
            }
        }
        return Optional.empty();
    }

    private Download downloadWithRetries(URI url, String hash, long maxBytes, BooleanSupplier stopped) {
        int attempts = settings.backoff().size() + 1;
        DownloadException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (stopped.getAsBoolean()) throw new DownloadException("stopped", false);
            try {
                Download d = downloadOnce(url, hash, maxBytes, stopped);
                return new Download(d.url(), d.file(), d.signature(), d.sizeBytes(), attempt, false);
            } catch (DownloadException e) {
                last = e;
                if (!e.retryable() || attempt == attempts) break;
                Duration wait = settings.backoff().get(attempt - 1);
                log.info("ingest: attempt {} of {} for {} failed ({}); retrying in {} ms", attempt, attempts, url,
                        e.getMessage(), wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new DownloadException("interrupted while waiting to retry", false);
                }
            }
        }
        String tries = last.retryable() ? " after " + attempts + " attempt" + (attempts == 1 ? "" : "s") : "";
        throw new DownloadException(last.getMessage() + tries, false, last);
    }

    private Download downloadOnce(URI start, String hash, long maxBytes, BooleanSupplier stopped) {
        URI url = start;
        for (int hop = 0; ; hop++) {
            String problem = policy.problem(url);
            if (problem != null) throw new DownloadException(hop == 0 ? problem : "redirect to " + url + " " + problem, false);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.headersTimeout())
                    .header("User-Agent", "spool-ingest").GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new DownloadException("cannot fetch " + url + ": " + describe(e), true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted", false, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                close(response.body());
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) throw new DownloadException("HTTP " + status + " without a Location from " + url, false);
                if (hop >= settings.maxRedirects()) {
                    throw new DownloadException("more than " + settings.maxRedirects() + " redirects from " + start, false);
                }
                url = url.resolve(location.get());
                continue;
            }
            if (status != 200) {
                close(response.body());
                boolean retryable = status >= 500 || status == 408 || status == 429;
                throw new DownloadException("HTTP " + status + " from " + url, retryable);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                close(response.body());
                throw new DownloadException("the file is " + declared + " bytes, above the " + maxBytes + "-byte limit", false);
            }
            return save(start, url, response.body(), hash, maxBytes, stopped, response.headers().firstValue("Content-Type"));
        }
    }

    private Download save(URI requested, URI url, InputStream body, String hash, long maxBytes, BooleanSupplier stopped,
                          Optional<String> contentType) {
        Path temp = settings.cacheDir().resolve(TEMP_PREFIX + hash + "-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try (InputStream in = body) {
            byte[] head = in.readNBytes(MediaSignature.HEAD_BYTES);
            Optional<MediaSignature> sig = MediaSignature.detect(head);
            if (sig.isEmpty()) {
                throw new DownloadException("not a media file: " + url + " sent " + contentType.orElse("no content type")
                        + " starting with " + MediaSignature.describe(head)
                        + " (accepted: MP4/MOV, WebM/MKV, AVI, PNG, JPEG)", false);
            }
            long total = head.length;
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(head);
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    if (total > maxBytes) throw new DownloadException("download exceeded the " + maxBytes + "-byte limit", false);
                    if (stopped.getAsBoolean()) throw new DownloadException("stopped", false);
                    out.write(buf, 0, n);
                }
            }
            Path target = settings.cacheDir().resolve(hash + "." + sig.get().extension());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log.info("ingest: downloaded {} ({} bytes, {})", requested, total, sig.get());
            return new Download(requested, target, sig.get(), total, 1, false);
        } catch (IOException e) {
            throw new DownloadException("download of " + url + " broke off: " + describe(e), true, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.warn("cannot remove partial download {}: {}", temp, e.getMessage());
            }
        }
    }

    private static byte[] head(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(MediaSignature.HEAD_BYTES);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
