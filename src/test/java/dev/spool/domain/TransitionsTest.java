package dev.spool.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.spool.domain.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitionsTest {

    /** The legal job moves, written out independently of the table under test. */
    static final Set<List<JobStatus>> LEGAL_JOB = Set.of(
            List.of(PENDING, RUNNING), List.of(PENDING, CANCELLED), List.of(PENDING, FAILED),
            List.of(RUNNING, PAUSED), List.of(RUNNING, COMPLETED), List.of(RUNNING, COMPLETED_WITH_WARNINGS),
            List.of(RUNNING, FAILED), List.of(RUNNING, CANCELLED), List.of(RUNNING, RECOVERY_REQUIRED),
            List.of(PAUSED, RUNNING), List.of(PAUSED, CANCELLED), List.of(PAUSED, FAILED),
            List.of(PAUSED, RECOVERY_REQUIRED), List.of(PAUSED, COMPLETED), List.of(PAUSED, COMPLETED_WITH_WARNINGS),
            List.of(RECOVERY_REQUIRED, RUNNING), List.of(RECOVERY_REQUIRED, CANCELLED),
            List.of(COMPLETED_WITH_WARNINGS, RUNNING), List.of(FAILED, RUNNING));

    static final Set<List<TaskStatus>> LEGAL_TASK = Set.of(
            List.of(TaskStatus.QUEUED, TaskStatus.RUNNING), List.of(TaskStatus.QUEUED, TaskStatus.SKIPPED),
            List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), List.of(TaskStatus.RUNNING, TaskStatus.FAILED),
            List.of(TaskStatus.RUNNING, TaskStatus.SKIPPED), List.of(TaskStatus.RUNNING, TaskStatus.QUEUED),
            List.of(TaskStatus.FAILED, TaskStatus.QUEUED));

    static Stream<Arguments> allJobPairs() {
        List<Arguments> out = new ArrayList<>();
        for (JobStatus a : JobStatus.values()) for (JobStatus b : JobStatus.values()) out.add(Arguments.of(a, b));
        return out.stream();
    }

    static Stream<Arguments> allTaskPairs() {
        List<Arguments> out = new ArrayList<>();
        for (TaskStatus a : TaskStatus.values()) for (TaskStatus b : TaskStatus.values()) out.add(Arguments.of(a, b));
        return out.stream();
    }

    @ParameterizedTest(name = "job {0} -> {1}")
    @MethodSource("allJobPairs")
    void every_job_move_is_legal_exactly_when_the_state_machine_says_so(JobStatus from, JobStatus to) {
        boolean legal = LEGAL_JOB.contains(List.of(from, to));
        assertThat(Transitions.allowed(from, to)).isEqualTo(legal);
        if (legal) {
            assertThat(Transitions.check("j1", from, to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> Transitions.check("j1", from, to))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                        assertThat(e.getMessage()).isEqualTo("job j1 cannot go from " + from + " to " + to);
                    });
        }
    }

    @ParameterizedTest(name = "task {0} -> {1}")
    @MethodSource("allTaskPairs")
    void every_task_move_is_legal_exactly_when_the_state_machine_says_so(TaskStatus from, TaskStatus to) {
        boolean legal = LEGAL_TASK.contains(List.of(from, to));
        assertThat(Transitions.allowed(from, to)).isEqualTo(legal);
        if (!legal) {
            assertThatThrownBy(() -> Transitions.check("t1", from, to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessage("task t1 cannot go from " + from + " to " + to);
        }
    }

    @Test
    void completed_and_cancelled_jobs_and_completed_or_skipped_tasks_are_final() {
        assertThat(Transitions.from(COMPLETED)).isEmpty();
        assertThat(Transitions.from(CANCELLED)).isEmpty();
        assertThat(Transitions.from(TaskStatus.COMPLETED)).isEmpty();
        assertThat(Transitions.from(TaskStatus.SKIPPED)).isEmpty();
    }

    @Test
    void recovery_required_leaves_only_by_explicit_resume_or_cancel() {
        assertThat(Transitions.from(RECOVERY_REQUIRED)).containsExactlyInAnyOrder(RUNNING, CANCELLED);
        assertThat(Transitions.into(RECOVERY_REQUIRED)).isEqualTo(EnumSet.of(RUNNING, PAUSED));
    }
}
