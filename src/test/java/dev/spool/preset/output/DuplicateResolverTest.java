package dev.spool.preset.output;

import dev.spool.preset.DuplicatesPreset.Policy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DuplicateResolverTest {
    private final Path desired = Path.of("/out/A001.mov");

    @Test
    void a_free_path_is_used_as_is_under_every_policy() {
        for (Policy policy : Policy.values()) {
            assertThat(DuplicateResolver.resolve(desired, policy, p -> false, "proxy")).isEqualTo(desired);
        }
    }

    @Test
    void suffix_takes_the_first_free_number() {
        Set<Path> existing = Set.of(desired, Path.of("/out/A001_001.mov"), Path.of("/out/A001_002.mov"));
        assertThat(DuplicateResolver.resolve(desired, Policy.SUFFIX, existing::contains, "proxy"))
                .isEqualTo(Path.of("/out/A001_003.mov"));
    }

    @Test
    void suffix_goes_up_to_999_then_fails_clearly() {
        Set<Path> existing = new HashSet<>();
        existing.add(desired);
        for (int n = 1; n <= 998; n++) existing.add(Path.of(String.format("/out/A001_%03d.mov", n)));
        assertThat(DuplicateResolver.resolve(desired, Policy.SUFFIX, existing::contains, "proxy"))
                .isEqualTo(Path.of("/out/A001_999.mov"));

        existing.add(Path.of("/out/A001_999.mov"));
        OutputCollisionException e = catchThrowableOfType(
                () -> DuplicateResolver.resolve(desired, Policy.SUFFIX, existing::contains, "proxy"), OutputCollisionException.class);
        assertThat(e.reason()).isEqualTo(OutputCollisionException.Reason.SUFFIXES_EXHAUSTED);
        assertThat(e.path()).isEqualTo(desired);
        assertThat(e.getMessage()).contains("output 'proxy'", "/out/A001.mov", "_001 to _999 all exist");
    }

    @Test
    void overwrite_keeps_the_existing_path() {
        assertThat(DuplicateResolver.resolve(desired, Policy.OVERWRITE, p -> true, "proxy")).isEqualTo(desired);
    }

    @Test
    void fail_refuses_an_existing_path() {
        OutputCollisionException e = catchThrowableOfType(
                () -> DuplicateResolver.resolve(desired, Policy.FAIL, desired::equals, "proxy"), OutputCollisionException.class);
        assertThat(e.reason()).isEqualTo(OutputCollisionException.Reason.EXISTS);
        assertThat(e.getMessage()).isEqualTo("output 'proxy': /out/A001.mov already exists and the duplicates policy is 'fail'");
    }

    @Test
    void a_name_without_extension_is_suffixed_at_the_end() {
        assertThat(DuplicateResolver.resolve(Path.of("/out/A001"), Policy.SUFFIX, Path.of("/out/A001")::equals, "x"))
                .isEqualTo(Path.of("/out/A001_001"));
    }
}
