package dev.spool.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.spool.api.ApiSettings;
import dev.spool.api.SpoolServer;
import dev.spool.config.SpoolConfig;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.app.Engine;
import dev.spool.engine.JobRequest;
import dev.spool.engine.WorkerPresence;
import dev.spool.engine.WorkerSettings;
import dev.spool.store.SqlJobStore;
import dev.spool.store.WorkerRegistry;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's chromium driven by Playwright) against a real server, a real
 * engine and real ffmpeg encodes of tiny clips. Covers seed 003's four scenarios (navigation, two concurrent
 * jobs, reload mid-job, network interruption), seed 002's confirmed controls and seed 004's failed-clip card.
 * Screenshots of every page go to {@code target/screenshots/}.
 *
 * <p>Without {@code /usr/bin/chromium} (or {@code SPOOL_CHROMIUM}) the class is skipped with one line, except
 * under {@code CI=true}, where it must run. Playwright never downloads a browser here.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("SPOOL_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    static final Duration ENCODE = Duration.ofSeconds(90);
    static final LocatorAssertions.HasTextOptions LONG = new LocatorAssertions.HasTextOptions().setTimeout(ENCODE.toMillis());
    static final String CANCEL_WORDING = "Cancel job? Running clips will finish. Queued clips marked SKIPPED. CANNOT be undone.";

    @TempDir
    static Path dir;
    static Path media;
    static SqlJobStore store;
    static Engine engine;
    static WorkerPresence presence;
    static SpoolServer server;
    static CuttableProxy proxy;
    static Playwright playwright;
    static Browser browser;
    static String base;

    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but no Chromium at " + CHROMIUM + " (apt-get install chromium)");
            }
            System.out.println("SKIPPED DashboardBrowserTest: no Chromium at " + CHROMIUM + " (apt-get install chromium)");
            Assumptions.abort("no Chromium at " + CHROMIUM);
        }
        media = dir.resolve("media");
        Path card = media.resolve("card");
        Files.createDirectories(card);
        for (int i = 1; i <= 3; i++) Files.copy(TestMedia.h264LongGop(), card.resolve("A00" + i + ".mp4"));
        Files.copy(TestMedia.threeSecond360p(), card.resolve("A004.mp4"));
        Path broken = media.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(TestMedia.h264LongGop(), broken.resolve("good.mp4"));
        Files.copy(TestMedia.textAsMov(), broken.resolve("notes.mov"));
        Files.copy(TestMedia.truncated(), broken.resolve("truncated.mov"));

        store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("spool.db"), Clock.systemUTC());
        SpoolConfig config = new SpoolConfig(dir.resolve("data"), null, null, null, 0, false);
        WorkerSettings ws = new WorkerSettings("browser-test-worker", 2, Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(5));
        engine = Engine.create(store, config, TestMedia.tools(), ws, List.of(media)).start();
        presence = new WorkerPresence(engine.pool(), new WorkerRegistry(store.database())).start("localhost", Duration.ofSeconds(2));
        ApiSettings api = ApiSettings.defaults().withListen("127.0.0.1", 0).withMediaRoots(List.of(media))
                .withEventTiming(Duration.ofMillis(100), Duration.ofSeconds(5));
        server = SpoolServer.builder(store).settings(api).presets(engine::presets).encoders(engine.encoders()::report)
                .onSubmit(engine.pool()::wakeUp).dataDir(config.dataDir()).build().start();
        proxy = new CuttableProxy(server.port());
        base = "http://127.0.0.1:" + proxy.port();

        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (proxy != null) proxy.close();
        if (server != null) server.close();
        if (presence != null) presence.close();
        if (engine != null) engine.close();
        if (store != null) store.close();
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 800));
        page = context.newPage();
        page.onConsoleMessage(m -> {
            // failed requests (expected 4xx, a cut network) are logged by the browser itself; script errors are ours
            if (m.type().equals("error") && !m.text().startsWith("Failed to load resource")
                    && !m.text().contains("WebSocket")) consoleErrors.add(m.text());
        });
        page.onPageError(e -> consoleErrors.add(e));
    }

    @AfterEach
    void closePage(TestInfo info) {
        if (context != null) context.close();
        org.assertj.core.api.Assertions.assertThat(consoleErrors).as("browser console errors in " + info.getDisplayName())
                .isEmpty();
    }

    void shot(String name) {
        page.evaluate("() => window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    Job submit(String folder, String preset, String out) {
        Job job = engine.submitter().submit(new JobRequest(out, List.of(media.resolve(folder).toString()), preset,
                media.resolve(out).toString(), null, null, null, true));
        engine.pool().wakeUp();
        return job;
    }

    Locator jobStatus() {
        return page.locator(".page-head .badge");
    }

    @Test
    void a_job_submitted_through_the_form_encodes_for_real_and_stays_live_across_navigation() {
        page.navigate(base + "/#/submit");
        // the API's validation errors appear next to the field they name
        page.click("#submit");
        assertThat(page.locator("#preset-error")).containsText("a preset (see");
        page.selectOption("#preset", "editorial");
        page.click("#submit");
        assertThat(page.locator("#outputDir-error")).containsText("output folder is required");
        assertThat(page.locator("#outputDir")).isFocused();
        page.fill("#outputDir", media.resolve("out-form").toString());
        page.click("#submit");
        assertThat(page.locator("#sources-error")).containsText("at least one source");
        shot("submit-validation");

        // sources from the server's media root
        page.click("#browse-sources");
        page.locator("#source-browser").getByLabel("Open folder " + media, new Locator.GetByLabelOptions().setExact(true)).click();
        page.getByLabel("Open folder card").click();
        assertThat(page.locator("#source-browser .fs-list")).containsText("A004.mp4");
        page.getByText("Add this whole folder").click();
        assertThat(page.locator("#sources")).containsText(media.resolve("card").toString());
        page.fill("#name", "Card A proxies");
        shot("submit-filled");
        page.click("#submit");
        page.waitForURL(Pattern.compile(".*#/jobs/[0-9a-zA-Z-]+$"));
        String jobId = page.url().replaceAll(".*#/jobs/", "");

        // scenario 1: away to the list and back; the job is shown live on both
        page.click("nav >> text=Jobs");
        Locator row = page.locator("tr[data-job='" + jobId + "']");
        assertThat(row).containsText("Card A proxies");
        assertThat(row.locator(".bar")).isVisible();
        page.goBack();
        assertThat(jobStatus()).hasText("COMPLETED", LONG);
        assertThat(page.locator(".toast.ok")).containsText("Job \"Card A proxies\" completed");
        assertThat(page.locator("li.task")).hasCount(4);
        assertThat(page.locator("li.task .badge[data-status='COMPLETED']")).hasCount(4);
        // a real poster from the editorial bundle, decoded by the browser
        Locator poster = page.locator("li.task img.thumb").first();
        assertThat(poster).isVisible();
        page.waitForFunction("img => img.complete && img.naturalWidth > 0", poster.elementHandle());
        assertThat(page.locator("li.task").first().locator("a.download")).hasCount(3);
        assertThat(page.locator("ul.reports a")).hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        assertThat(page.locator("#control-cancel")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(store.getJob(jobId).status()).isEqualTo(JobStatus.COMPLETED);
        shot("job-detail-completed");
        page.click("nav >> text=Jobs");
        assertThat(page.locator("#running")).hasText(Pattern.compile("\\d+ running"));
        shot("jobs");
    }

    @Test
    void reloading_mid_job_resumes_the_event_stream_and_progress_continues() {
        Job job = submit("card", "editorial", "out-reload");
        List<String> sockets = new CopyOnWriteArrayList<>();
        page.onWebSocket(ws -> sockets.add(ws.url()));
        page.navigate(base + "/#/jobs/" + job.id());
        assertThat(jobStatus()).hasText("RUNNING");
        // mid-job: at least one clip done, at least one still to go
        await().atMost(ENCODE).until(() -> store.getJob(job.id()).counts().completed() >= 1);
        int doneBefore = store.getJob(job.id()).counts().completed();
        org.assertj.core.api.Assertions.assertThat(doneBefore).isLessThan(4);
        Object lastId = page.evaluate("() => sessionStorage.getItem('spool.lastEventId')");
        org.assertj.core.api.Assertions.assertThat(lastId).isNotNull();
        shot("job-detail-running");

        page.reload();

        assertThat(page.locator("#conn")).hasAttribute("data-state", "live");
        assertThat(jobStatus()).hasText("COMPLETED", LONG);
        // the completion arrived over the resumed stream after the reload
        assertThat(page.locator(".toast.ok")).containsText("completed");
        assertThat(page.locator("li.task .badge[data-status='COMPLETED']")).hasCount(4);
        org.assertj.core.api.Assertions.assertThat(sockets).hasSizeGreaterThanOrEqualTo(2);
        String resumed = sockets.get(sockets.size() - 1);
        org.assertj.core.api.Assertions.assertThat(resumed).contains("after=");
        long after = Long.parseLong(resumed.replaceAll(".*after=(\\d+).*", "$1"));
        org.assertj.core.api.Assertions.assertThat(after).isGreaterThanOrEqualTo(Long.parseLong(lastId.toString()));
    }

    @Test
    void cancel_asks_with_the_operators_wording_and_only_acts_when_confirmed() throws Exception {
        Path many = media.resolve("many");
        Files.createDirectories(many);
        for (int i = 1; i <= 16; i++) Files.copy(TestMedia.threeSecond360p(), many.resolve(String.format("B%03d.mp4", i)));
        Job job = submit("many", "editorial", "out-cancel");
        page.navigate(base + "/#/jobs/" + job.id());
        assertThat(page.locator("#control-cancel")).isVisible();
        assertThat(page.locator("#control-resume")).hasCount(0);

        String[] asked = new String[1];
        page.onceDialog(d -> {
            asked[0] = d.message();
            d.dismiss();
        });
        page.click("#control-cancel");
        org.assertj.core.api.Assertions.assertThat(asked[0]).isEqualTo(CANCEL_WORDING);
        org.assertj.core.api.Assertions.assertThat(store.getJob(job.id()).status()).isNotEqualTo(JobStatus.CANCELLED);

        page.onceDialog(d -> {
            asked[0] = d.message();
            d.accept();
        });
        page.click("#control-cancel");
        assertThat(jobStatus()).hasText("CANCELLED", LONG);
        org.assertj.core.api.Assertions.assertThat(asked[0]).isEqualTo(CANCEL_WORDING);
        assertThat(page.locator("#control-cancel")).hasCount(0);
        assertThat(page.locator("li.task .badge[data-status='SKIPPED']").first()).isVisible();
        List<Task> tasks = store.tasksOf(job.id());
        org.assertj.core.api.Assertions.assertThat(tasks).anyMatch(t -> t.status() == TaskStatus.SKIPPED);
        org.assertj.core.api.Assertions.assertThat(tasks).noneMatch(t -> t.status() == TaskStatus.QUEUED);
        shot("job-detail-cancelled");
    }

    @Test
    void a_failed_clip_stands_out_with_its_reason() {
        Job job = submit("broken", "h264_540p_proxy", "out-broken");
        page.navigate(base + "/#/jobs/" + job.id());
        assertThat(jobStatus()).hasText("COMPLETED WITH WARNINGS", LONG);
        assertThat(page.locator(".toast.warn")).containsText("2 failed");
        Locator failed = page.locator("li.task.failed");
        assertThat(failed).hasCount(2);
        assertThat(failed.filter(new Locator.FilterOptions().setHasText("notes.mov")).locator(".reason")).containsText("not media");
        assertThat(failed.filter(new Locator.FilterOptions().setHasText("truncated.mov")).locator(".reason")).containsText("damaged");
        Object background = failed.first().evaluate("el => getComputedStyle(el).backgroundColor");
        org.assertj.core.api.Assertions.assertThat(background).isEqualTo("rgb(253, 236, 234)");
        assertThat(page.locator("li.task:not(.failed) .badge")).hasText("COMPLETED");
        // no poster output in this preset: a neutral placeholder
        assertThat(page.locator("li.task:not(.failed) .thumb.placeholder")).isVisible();
        Locator stderr = failed.filter(new Locator.FilterOptions().setHasText("truncated.mov")).locator("details.stderr");
        if (stderr.count() > 0) {
            stderr.locator("summary").click();
            assertThat(stderr.locator("pre")).isVisible();
        }
        assertThat(page.locator("#control-retry-failed")).isVisible();
        shot("job-detail-failed-clips");
        page.click("nav >> text=Jobs");
        assertThat(page.locator("tr[data-job='" + job.id() + "']")).hasClass(Pattern.compile("has-failed"));
    }

    @Test
    void two_concurrent_jobs_progress_independently_through_a_network_interruption() {
        // Completion toasts dismiss themselves after 10 s, and on a loaded machine the two jobs may finish
        // further apart than that: record every completion toast the page shows instead of counting
        // those on screen at the end.
        page.addInitScript("window.__okToasts = [];"
                + "document.addEventListener('DOMContentLoaded', () => new MutationObserver(ms => ms.forEach(m =>"
                + " m.addedNodes.forEach(n => { if (n.classList && n.classList.contains('toast') && n.classList.contains('ok'))"
                + " window.__okToasts.push(n.textContent); }))).observe(document.getElementById('toasts'), {childList: true}));");
        page.navigate(base + "/#/jobs");
        assertThat(page.locator("#conn")).hasAttribute("data-state", "live");
        Job a = submit("card", "editorial", "out-a");
        Job b = submit("card", "editorial", "out-b");
        Locator rowA = page.locator("tr[data-job='" + a.id() + "']");
        Locator rowB = page.locator("tr[data-job='" + b.id() + "']");
        assertThat(rowA).isVisible();
        assertThat(rowB).isVisible();
        assertThat(page.locator("#running")).hasText(Pattern.compile("[12] running"));

        // scenario 4: the network drops for a while, work goes on without the browser
        proxy.cut();
        assertThat(page.locator("#conn")).hasAttribute("data-state", "reconnecting");
        int done = doneOf(a) + doneOf(b);
        await().atMost(ENCODE).until(() -> doneOf(a) + doneOf(b) > done || finished(a) && finished(b));
        shot("jobs-reconnecting");
        proxy.restore();

        assertThat(page.locator("#conn")).hasAttribute("data-state", "live", new LocatorAssertions.HasAttributeOptions().setTimeout(15_000));
        assertThat(rowA.locator(".badge")).hasText("COMPLETED", LONG);
        assertThat(rowB.locator(".badge")).hasText("COMPLETED", LONG);
        assertThat(rowA.locator(".pct")).hasText("100%");
        assertThat(rowB.locator(".pct")).hasText("100%");
        // both completions announced, each once, though one or both happened while the network was down
        page.waitForFunction("window.__okToasts.filter(t => t.includes('completed')).length >= 2");
        Object completions = page.evaluate("window.__okToasts.filter(t => t.includes('completed'))");
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) completions).hasSize(2)
                .anySatisfy(t -> org.assertj.core.api.Assertions.assertThat(t.toString()).contains("\"" + a.name() + "\""))
                .anySatisfy(t -> org.assertj.core.api.Assertions.assertThat(t.toString()).contains("\"" + b.name() + "\""));
        assertThat(page.locator("#running")).hasText("0 running");
    }

    @Test
    void presets_and_workers_pages_show_the_library_validation_and_encoders() {
        page.navigate(base + "/#/presets");
        assertThat(page.locator("table.presets")).containsText("h264_540p_proxy");
        page.selectOption("#preset-format", "application/yaml");
        page.fill("#preset-text", "global:\n  - id: broken_one\n    codec: no_such_codec\n");
        page.click("#validate");
        assertThat(page.locator("#validate-result .error-box")).isVisible();
        assertThat(page.locator("#validate-result .problems")).containsText("global[0].codec: unknown field");
        shot("presets");
        page.click("text=h264_540p_proxy");
        assertThat(page.locator("pre.preset-json")).containsText("h264_540p_proxy");
        shot("preset-detail");

        page.navigate(base + "/#/workers");
        assertThat(page.locator("main")).containsText("browser-test-worker");
        assertThat(page.locator("table.encoders")).containsText("libx264", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        shot("workers");
    }

    static int doneOf(Job j) {
        var c = store.getJob(j.id()).counts();
        return c.completed() + c.failed() + c.skipped();
    }

    static boolean finished(Job j) {
        return store.getJob(j.id()).status().isTerminal();
    }
}
