package dev.spool.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.store.WorkerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.spool.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MetricsAndCompatApiTest {
    @TempDir
    Path dir;

    @Test
    void metrics_count_jobs_tasks_encoders_and_workers() {
        try (ApiFixture api = ApiFixture.started(dir).withWorker(2)) {
            new WorkerRegistry(api.store.database()).register("w-1", "host-a", 4);
            new WorkerRegistry(api.store.database()).heartbeat("w-1", List.of("t1", "t2"));
            Job done = api.latchedJob("m1");
            Job failing = api.latchedJob("fail-1");
            api.executor.releaseAll();
            await().until(() -> api.store.getJob(done.id()).status() == JobStatus.COMPLETED
                    && api.store.getJob(failing.id()).status().isTerminal());
            await().untilAsserted(() -> assertThat(api.get("/metrics").body())
                    .contains("spool_jobs{state=\"COMPLETED\"} 1.0")
                    .contains("spool_jobs{state=\"COMPLETED_WITH_WARNINGS\"} 1.0")
                    .contains("spool_tasks{state=\"FAILED\"} 1.0")
                    .contains("spool_task_events_total{kind=\"completed\"} 1.0")
                    .contains("spool_task_events_total{kind=\"failed\"} 1.0")
                    .contains("spool_encodes_total{encoder=\"h264_nvenc\",hardware=\"true\"} 1.0")
                    .contains("spool_task_duration_seconds_count 2")
                    .contains("spool_worker_slots_busy 2.0")
                    .contains("spool_queue_depth 0.0"));
            JsonNode workers = json(api.get("/api/v1/workers")).path("items");
            assertThat(workers).hasSize(1);
            assertThat(workers.get(0).path("host").asText()).isEqualTo("host-a");
            assertThat(workers.get(0).path("currentTasks")).hasSize(2);
        }
    }

    @Test
    void the_desktop_app_contract_submit_status_artifacts_and_job_completed_over_websocket() throws Exception {
        try (ApiFixture api = ApiFixture.started(dir).withWorker(1)) {
            assertThat(json(api.get("/health")).path("status").asText()).isEqualTo("ok");
            EventsApiTest.WsClient events = EventsApiTest.WsClient.connect(api, "/events");
            assertThat(events.next().path("type").asText()).isEqualTo("subscribed");
            Job job = api.latchedJob("desk");
            JsonNode pending = json(api.get("/jobs/" + job.id()));
            assertThat(pending.path("status").asText()).isEqualTo("running");
            assertThat(pending.path("artifacts")).isEmpty();

            api.executor.release("desk");
            JsonNode completed = events.next();
            assertThat(completed.path("type").asText()).isEqualTo("job_completed");
            assertThat(completed.path("job_id").asText()).isEqualTo(job.id());
            String url = completed.path("artifacts").get(0).path("url").asText();
            var file = api.get(url);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo("output of desk");
            assertThat(json(api.get("/jobs/" + job.id())).path("artifacts").get(0).path("url").asText()).isEqualTo(url);
            // only outputs of that job: another job's id with this task is refused
            Job other = api.latchedJob("other");
            assertThat(api.get(url.replace(job.id(), other.id())).statusCode()).isEqualTo(404);
            events.close();
        }
    }
}
