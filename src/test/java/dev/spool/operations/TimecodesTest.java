package dev.spool.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimecodesTest {
    @Test
    void seconds_clock_time_and_timecode_at_the_clips_real_rate() {
        assertThat(Timecodes.seconds("1.5", 25)).isEqualTo(1.5);
        assertThat(Timecodes.seconds("00:01:02.250", 25)).isEqualTo(62.25);
        assertThat(Timecodes.seconds("00:00:01:12", 25)).isEqualTo(1.48);
        // 23.976: timecode counts 24 frames a second; frame 24 is at 1.001 s
        assertThat(Timecodes.seconds("00:00:01:00", 24000.0 / 1001)).isCloseTo(1.001, within(1e-9));
        // drop-frame: 00:01:00;02 is frame 1800 at 29.97
        assertThat(Timecodes.seconds("00:01:00;02", 30000.0 / 1001)).isCloseTo(1800 * 1001 / 30000.0, within(1e-9));
        assertThat(Timecodes.seconds("00:10:00;00", 30000.0 / 1001)).isCloseTo(17982 * 1001 / 30000.0, within(1e-9));
    }

    @Test
    void malformed_positions_and_frames_beyond_the_rate_are_refused() {
        assertThat(Timecodes.problem("1:2:3:4:5")).contains("not a position");
        assertThat(Timecodes.problem("abc")).isNotNull();
        assertThat(Timecodes.problem("00:00:01:30")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Timecodes.seconds("00:00:01:30", 25))
                .hasMessageContaining("frame 30 does not exist at 25 fps");
    }
}
