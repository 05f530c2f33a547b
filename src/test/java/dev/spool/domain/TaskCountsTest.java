package dev.spool.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskCountsTest {
    @Test
    void all_clean_completions_aggregate_to_completed() {
        assertThat(new TaskCounts(0, 0, 5, 0, 0, 0).aggregate()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void a_failed_clip_gives_completed_with_warnings_never_failed() {
        assertThat(new TaskCounts(0, 0, 4, 0, 1, 0).aggregate()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(new TaskCounts(0, 0, 0, 0, 5, 0).aggregate()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
    }

    @Test
    void a_skipped_clip_or_a_warning_gives_completed_with_warnings() {
        assertThat(new TaskCounts(0, 0, 4, 1, 0, 0).aggregate()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertThat(new TaskCounts(0, 0, 5, 0, 0, 1).aggregate()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
    }

    @Test
    void a_job_with_queued_or_running_clips_has_no_final_status_yet() {
        assertThatThrownBy(() -> new TaskCounts(1, 0, 4, 0, 0, 0).aggregate()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TaskCounts(0, 1, 4, 0, 0, 0).aggregate()).isInstanceOf(IllegalStateException.class);
        assertThat(new TaskCounts(2, 1, 3, 1, 1, 0).total()).isEqualTo(8);
    }

    @Test
    void a_new_job_rejects_forward_or_self_dependencies() {
        assertThatThrownBy(() -> NewJob.of("x", java.util.List.of(
                new NewTask("transcode", "a", "{}", java.util.List.of(0)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earlier");
    }
}
