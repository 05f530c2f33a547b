package dev.spool.ingest;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Downloads against a real HTTP server on 127.0.0.1 (loopback explicitly allowed where a test needs it). */
class UrlDownloaderTest {
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(8));

    @TempDir
    Path dir;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    URI serve(String path, HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(path, ex -> {
            requests.incrementAndGet();
            handler.handle(ex);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    UrlDownloader downloader(boolean allowLoopback) {
        IngestSettings s = IngestSettings.defaults(dir).withBackoff(BACKOFF).withAllowPrivate(allowLoopback);
        return new UrlDownloader(s, new AddressPolicy(allowLoopback), slept::add);
    }

    static HttpHandler bytes(byte[] body) {
        return ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        };
    }

    @Test
    void a_url_that_fails_twice_then_succeeds_is_downloaded_on_the_third_attempt_after_backing_off() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.h264LongGop());
        URI url = serve("/flaky.mp4", ex -> {
            if (requests.get() <= 2) {
                ex.sendResponseHeaders(500, -1);
                ex.close();
            } else {
                bytes(clip).handle(ex);
            }
        });

        UrlDownloader.Download d = downloader(true).fetch(url, Long.MAX_VALUE, () -> false);

        assertThat(d.attempts()).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofMillis(2), Duration.ofMillis(4));
        assertThat(d.signature()).isEqualTo(MediaSignature.MP4);
        assertThat(Files.readAllBytes(d.file())).isEqualTo(clip);
        try (var listing = Files.list(dir.resolve("ingest-cache"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".part-"));
        }
    }

    @Test
    void a_url_serving_html_instead_of_media_is_refused_without_retrying_or_keeping_the_page() throws Exception {
        URI url = serve("/video.mp4", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html");
            bytes("<!DOCTYPE html><html><body>Link expired</body></html>".getBytes(StandardCharsets.UTF_8)).handle(ex);
        });

        assertThatThrownBy(() -> downloader(true).fetch(url, Long.MAX_VALUE, () -> false))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("not a media file").hasMessageContaining("text/html")
                .hasMessageContaining("<!DOCTYPE html");
        assertThat(requests.get()).isEqualTo(1);
        try (var listing = Files.list(dir.resolve("ingest-cache"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".lock"));
        }
    }

    @Test
    void a_loopback_address_is_refused_by_default_before_any_request() throws Exception {
        URI url = serve("/clip.mp4", bytes(Files.readAllBytes(TestMedia.h264LongGop())));

        assertThatThrownBy(() -> downloader(false).fetch(url, Long.MAX_VALUE, () -> false))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("loopback address 127.0.0.1");
        assertThat(requests.get()).isZero();
    }

    @Test
    void private_link_local_and_mapped_addresses_are_restricted_and_public_ones_are_not() throws Exception {
        for (String a : List.of("10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1")) {
            assertThat(AddressPolicy.restrictedKind(InetAddress.getByName(a))).as(a).isNotNull();
        }
        assertThat(AddressPolicy.restrictedKind(InetAddress.getByName("93.184.216.34"))).isNull();
        AddressPolicy resolvingToMetadata = new AddressPolicy(false,
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254")});
        assertThat(resolvingToMetadata.problem(URI.create("https://media.example/x.mp4"))).contains("link-local");
        assertThat(resolvingToMetadata.problem(URI.create("file:///etc/passwd"))).contains("only http and https");
    }

    @Test
    void a_redirect_to_a_refused_address_is_checked_again_and_refused() throws Exception {
        URI url = serve("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        // the first hop (this test's server) passes as a public address; the redirect's metadata address does not
        UrlDownloader d = new UrlDownloader(IngestSettings.defaults(dir).withBackoff(BACKOFF), new AddressPolicy(false,
                host -> host.equals("127.0.0.1") ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
                        : InetAddress.getAllByName(host)), slept::add);

        assertThatThrownBy(() -> d.fetch(url, Long.MAX_VALUE, () -> false))
                .hasMessageContaining("redirect to http://169.254.169.254/latest/meta-data")
                .hasMessageContaining("link-local");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void a_download_above_the_size_limit_is_refused() throws Exception {
        URI url = serve("/big.mp4", bytes(Files.readAllBytes(TestMedia.h264LongGop())));

        assertThatThrownBy(() -> downloader(true).fetch(url, 1000, () -> false))
                .hasMessageContaining("above the 1000-byte limit");
    }

    @Test
    void the_same_url_requested_concurrently_is_downloaded_exactly_once() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.h264LongGop());
        CountDownLatch allAsking = new CountDownLatch(1);
        URI url = serve("/shared.mp4", ex -> {
            try {
                // hold the one download open until every caller has asked
                allAsking.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytes(clip).handle(ex);
        });
        UrlDownloader downloader = downloader(true);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<UrlDownloader.Download>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> {
                    return downloader.fetch(url, Long.MAX_VALUE, () -> false);
                }));
            }
            // the server holds its one answer until the seven other callers wait on the download in flight
            await().atMost(Duration.ofSeconds(10)).until(() -> downloader.waitingFor(url) == 7);
            allAsking.countDown();
            List<Path> files = new ArrayList<>();
            for (Future<UrlDownloader.Download> f : results) files.add(f.get(20, TimeUnit.SECONDS).file());

            assertThat(requests.get()).isEqualTo(1);
            assertThat(files).containsOnly(files.get(0));
            assertThat(downloader.fetch(url, Long.MAX_VALUE, () -> false).shared()).isTrue(); // later: the cache
            assertThat(requests.get()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }
}
