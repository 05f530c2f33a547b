package dev.spool.media.command;

import dev.spool.domain.OutputSpec.Scale;
import dev.spool.domain.OutputSpec.ScaleMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalePlanTest {

    @ParameterizedTest(name = "{0} {1}x{2} (sar {3}) into {4} {5}x{6} -> {7}x{8}")
    @CsvSource(nullValues = "-", value = {
            "FIT, 1920, 1080, -,    -,     960, 540, 960, 540",
            "FIT, 1920, 1080, -,    -,     640,   -, 640, 360",
            "FIT, 1920, 1080, -,    -,       -, 360, 640, 360",
            "FIT, 1920, 1080, -,    -,     500, 500, 500, 282",
            "FIT, 1080, 1920, -,    -,     640, 640, 360, 640",
            "FIT, 1440, 1080, 4:3,  -,     960, 540, 960, 540",
            "FIT,  721,  481, -,    -,     721, 481, 720, 480",
            "FIT,  640,  360, -,    -,     960, 540, 640, 360",
            "FIT,  321,  181, -,    -,     960, 540, 320, 180",
            "FILL, 1920, 1080, -,   -,     500, 500, 500, 500",
            "FILL, 1280,  720, -,   -,     333, 333, 332, 332",
            "EXACT, 1920, 1080, -,  -,     641, 361, 640, 360",
    })
    void output_sizes_are_even_and_inside_the_box(ScaleMode mode, int sw, int sh, String sar, String unused,
                                                  Integer bw, Integer bh, int ew, int eh) {
        ScalePlan plan = ScalePlan.of(sw, sh, sar, new Scale(mode, bw, bh));

        assertThat(plan.width()).isEqualTo(ew);
        assertThat(plan.height()).isEqualTo(eh);
        assertThat(plan.width() % 2).isZero();
        assertThat(plan.height() % 2).isZero();
    }

    @Test
    void fill_scales_to_cover_then_crops_the_center() {
        assertThat(ScalePlan.of(1920, 1080, null, new Scale(ScaleMode.FILL, 500, 500)).filters())
                .containsExactly("scale=890:500", "setsar=1", "crop=500:500");
    }

    @Test
    void fill_and_exact_need_both_dimensions() {
        assertThatThrownBy(() -> ScalePlan.of(1920, 1080, null, new Scale(ScaleMode.FILL, 500, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both width and height");
    }
}
