package dev.spool.preset;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExclusionsPresetTest {
    private final ExclusionsPreset exclusions = new ExclusionsPreset("card", "", List.of("xml", "mhl"),
            List.of("*_PREVIEW*", "clip??.tmp"), 1.0, true);

    @Test
    void excluded_sources_are_skipped_with_a_reason_naming_the_rule() {
        assertThat(exclusions.skipReason(Path.of("/card/._A001C003.mov"), null))
                .hasValueSatisfying(r -> assertThat(r).contains("hidden file '._A001C003.mov'").contains("'card'"));
        assertThat(exclusions.skipReason(Path.of("/card/A001.XML"), null)).hasValueSatisfying(r -> assertThat(r).contains("extension .xml"));
        assertThat(exclusions.skipReason(Path.of("/card/a001_preview_1.mov"), null)).hasValueSatisfying(r -> assertThat(r).contains("'*_PREVIEW*'"));
        assertThat(exclusions.skipReason(Path.of("/card/clip01.tmp"), null)).isPresent();
        assertThat(exclusions.skipReason(Path.of("/card/A001.mov"), 0.4))
                .hasValueSatisfying(r -> assertThat(r).contains("duration 0.4 s is shorter than 1.0 s"));
    }

    @Test
    void other_sources_are_processed() {
        assertThat(exclusions.skipReason(Path.of("/card/A001C003.mov"), null)).isEmpty();
        assertThat(exclusions.skipReason(Path.of("/card/A001C003.mov"), 1.0)).isEmpty();
        assertThat(exclusions.skipReason(Path.of("/card/clip001.tmp"), null)).as("? is exactly one character").isEmpty();
        assertThat(exclusions.skipReason(Path.of("/card/xml"), null)).as("no extension").isEmpty();
    }
}
