package dev.spool.media.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class ProgressParserTest {

    private static List<Progress> parse(String fixture, Duration expected) throws IOException {
        try (InputStream in = ProgressParserTest.class.getResourceAsStream("/progress/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return new ProgressParser(expected).parseAll(in);
        }
    }

    @Test
    void real_ffmpeg_output_gives_one_report_per_block_with_percent_and_eta() throws IOException {
        List<Progress> reports = parse("ffmpeg-5.1-realtime-2s.txt", Duration.ofSeconds(2));

        assertThat(reports).hasSize(5);
        Progress second = reports.get(1);
        assertThat(second.outTime()).isEqualTo(Duration.ofNanos(533_333_000));
        assertThat(second.speed()).isEqualTo(0.901);
        assertThat(second.frame()).isPositive();
        assertThat(second.totalSize()).isPositive();
        assertThat(second.percent()).isCloseTo(26.67, offset(0.01));
        // 1.466667 s of media left at 0.901x
        assertThat(second.eta().toMillis()).isCloseTo(1628L, org.assertj.core.api.Assertions.within(2L));
        assertThat(second.finished()).isFalse();

        Progress last = reports.get(4);
        assertThat(last.finished()).isTrue();
        assertThat(last.percent()).isEqualTo(100.0);
        assertThat(last.eta()).isEqualTo(Duration.ZERO);
        assertThat(reports).extracting(Progress::percent).isSorted();
    }

    @Test
    void two_output_run_reports_first_output_frames() throws IOException {
        List<Progress> reports = parse("ffmpeg-5.1-two-outputs.txt", Duration.ofSeconds(2));

        assertThat(reports).hasSize(2);
        assertThat(reports.get(1).frame()).isEqualTo(50);
        assertThat(reports.get(1).finished()).isTrue();
    }

    @Test
    void not_available_and_negative_values_are_absent_not_errors() throws IOException {
        List<Progress> reports = parse("handcrafted-na.txt", Duration.ofSeconds(4));

        assertThat(reports).hasSize(4);
        Progress first = reports.get(0);
        assertThat(first.frame()).isEqualTo(0);
        assertThat(first.outTime()).isNull();
        assertThat(first.speed()).isNull();
        assertThat(first.totalSize()).isNull();
        assertThat(first.percent()).isNull();
        assertThat(first.eta()).isNull();

        Progress negative = reports.get(1);
        assertThat(negative.outTime()).isNull();
        assertThat(negative.fps()).isNull();
        assertThat(negative.speed()).isEqualTo(0.0);
        assertThat(negative.eta()).isNull();

        Progress fromText = reports.get(2);
        assertThat(fromText.outTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fromText.percent()).isEqualTo(25.0);
        assertThat(fromText.eta()).isEqualTo(Duration.ofMillis(1500));

        assertThat(reports.get(3).finished()).isTrue();
    }

    @Test
    void without_expected_duration_there_is_no_percent_or_eta() throws IOException {
        List<Progress> reports = parse("ffmpeg-5.1-realtime-2s.txt", null);

        assertThat(reports).allSatisfy(p -> {
            assertThat(p.percent()).isNull();
            assertThat(p.eta()).isNull();
        });
    }

    @Test
    void reports_are_emitted_as_soon_as_a_block_ends() throws IOException {
        String stream = "frame=1\nout_time_us=100\nprogress=continue\nframe=2\n";
        List<Progress> got = new ProgressParser(null).parseAll(new ByteArrayInputStream(stream.getBytes()));

        assertThat(got).singleElement().extracting(Progress::frame).isEqualTo(1L);
    }
}
