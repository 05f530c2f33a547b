package dev.spool.api;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal real SSE client over java.net.http: parses id/event/data frames into a queue; close() disconnects. */
final class SseClient implements AutoCloseable {
    record Frame(long id, String event, String data) {
    }

    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final int status;
    private final InputStream body;
    private final Thread reader;

    SseClient(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<InputStream> res = http.send(request.header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        status = res.statusCode();
        body = res.body();
        reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) frames.add(new Frame(id, event, data.toString()));
                    id = -1;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (Exception ignored) {
            // closed
        }
    }

    Frame next(Duration timeout) throws InterruptedException {
        Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) throw new AssertionError("no SSE event within " + timeout);
        return f;
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
