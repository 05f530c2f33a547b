package dev.spool.preset.output;

import dev.spool.preset.DuplicatesPreset;
import dev.spool.preset.DuplicatesPreset.Policy;
import dev.spool.preset.FolderOutputPreset;
import dev.spool.preset.FolderOutputPreset.Mode;
import dev.spool.preset.NamingPattern;
import dev.spool.preset.NamingPreset;
import dev.spool.preset.NamingVariable;
import dev.spool.preset.PresetLocation;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.ResolvedOutput;
import dev.spool.preset.ResolvedPreset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OutputPathPlannerTest {
    private static final PresetRegistry BUILT_IN = PresetRegistry.builtIn();
    private static final Path CARD = Path.of("/media/card");
    private static final Path OUT = Path.of("/media/out");
    private static final Predicate<Path> NOTHING_EXISTS = p -> false;

    private static List<Path> paths(List<PlannedOutput> planned) {
        return planned.stream().map(PlannedOutput::path).toList();
    }

    /** A one-output preset built from the built-in prores_proxy with other naming, folder and duplicates rules. */
    private static ResolvedPreset proresWith(String pattern, FolderOutputPreset folder, Policy policy) {
        ResolvedPreset base = BUILT_IN.resolve("prores_proxy");
        ResolvedOutput o = base.outputs().get(0);
        ResolvedOutput changed = new ResolvedOutput(o.presetId(), o.spec(), o.codec(),
                new NamingPreset("test", "", NamingPattern.parse(pattern, new PresetLocation("test", "pattern"))),
                folder, new DuplicatesPreset("test", "", policy));
        return new ResolvedPreset(base.id(), "", false, List.of(changed), base.exclusions(), base.queue(), base.reporting());
    }

    private static FolderOutputPreset folder(Mode mode, String subfolder, String fixed) {
        return new FolderOutputPreset("test", "", mode, subfolder, fixed);
    }

    @Test
    void mirror_keeps_the_source_tree_relative_to_the_source_root() {
        Path source = CARD.resolve("DCIM/A001/A001C003_220101_R1AB.mov");
        List<PlannedOutput> planned = OutputPathPlanner.plan(source, CARD, Map.of(), BUILT_IN.resolve("prores_proxy"), OUT, NOTHING_EXISTS);
        assertThat(paths(planned)).containsExactly(OUT.resolve("DCIM/A001/A001C003_220101_R1AB.mov"));
        assertThat(planned.get(0).output().spec().name()).isEqualTo("prores_proxy");
    }

    @Test
    void mirror_refuses_a_source_outside_the_source_root() {
        for (Path outside : List.of(Path.of("/media/other/A001.mov"), CARD.resolve("../card2/A001.mov"), Path.of("/media/cardigan/A001.mov"))) {
            SourceOutsideRootException e = catchThrowableOfType(() -> OutputPathPlanner.plan(outside, CARD, Map.of(),
                    BUILT_IN.resolve("prores_proxy"), OUT, NOTHING_EXISTS), SourceOutsideRootException.class);
            assertThat(e).as(outside.toString()).isNotNull();
            assertThat(e.getMessage()).contains("not inside the source root " + CARD);
        }
    }

    @Test
    void mirror_without_a_source_root_is_a_programming_error() {
        assertThatThrownBy(() -> OutputPathPlanner.plan(CARD.resolve("A001.mov"), null, Map.of(),
                BUILT_IN.resolve("prores_proxy"), OUT, NOTHING_EXISTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flat_puts_every_output_in_the_output_root_named_by_the_pattern() {
        Path source = CARD.resolve("DCIM/A001/A001C003.MXF");
        assertThat(paths(OutputPathPlanner.plan(source, null, Map.of(), BUILT_IN.resolve("h264_1080p_web"), OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("A001C003_h264_1080p_web.mp4"));
    }

    @Test
    void fixed_uses_the_folder_relative_to_the_output_root_or_absolute() {
        Path source = CARD.resolve("A001.mov");
        assertThat(paths(OutputPathPlanner.plan(source, CARD, Map.of(),
                proresWith("{source_name}", folder(Mode.FIXED, null, "dailies/day1"), Policy.SUFFIX), OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("dailies/day1/A001.mov"));
        assertThat(paths(OutputPathPlanner.plan(source, CARD, Map.of(),
                proresWith("{source_name}", folder(Mode.FIXED, null, "/srv/proxies"), Policy.SUFFIX), OUT, NOTHING_EXISTS)))
                .containsExactly(Path.of("/srv/proxies/A001.mov"));
    }

    @Test
    void metadata_variables_are_rendered_and_sanitized() {
        ResolvedPreset preset = proresWith("{reel}_{timecode}_{width}x{height}_{fps}_{date}_{codec}_{preset}",
                folder(Mode.FLAT, null, null), Policy.SUFFIX);
        Map<NamingVariable, String> metadata = Map.of(NamingVariable.REEL, "A/001", NamingVariable.TIMECODE, "01:00:00:00",
                NamingVariable.WIDTH, "3840", NamingVariable.HEIGHT, "2160", NamingVariable.FPS, "23.976",
                NamingVariable.DATE, "2024-05-01");
        assertThat(paths(OutputPathPlanner.plan(CARD.resolve("x.mov"), CARD, metadata, preset, OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("A_001_01_00_00_00_3840x2160_23.976_2024-05-01_prores_proxy_prores_proxy.mov"));
    }

    @Test
    void missing_metadata_renders_as_unknown_and_a_leading_dash_is_removed() {
        ResolvedPreset preset = proresWith("{reel}_{source_name}", folder(Mode.FLAT, null, null), Policy.SUFFIX);
        assertThat(paths(OutputPathPlanner.plan(CARD.resolve("-i.mov"), CARD, Map.of(), preset, OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("unknown_-i.mov"));
        ResolvedPreset sourceFirst = proresWith("{source_name}", folder(Mode.FLAT, null, null), Policy.SUFFIX);
        assertThat(paths(OutputPathPlanner.plan(CARD.resolve("-i.mov"), CARD, Map.of(), sourceFirst, OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("i.mov"));
    }

    @Test
    void planner_variables_cannot_be_overridden_by_metadata() {
        assertThatThrownBy(() -> OutputPathPlanner.plan(CARD.resolve("a.mov"), CARD, Map.of(NamingVariable.SOURCE_NAME, "b"),
                BUILT_IN.resolve("prores_proxy"), OUT, NOTHING_EXISTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{source_name}");
    }

    @Test
    void the_editorial_bundle_plans_three_files_in_their_own_folders() {
        Path source = CARD.resolve("A001/A001C003.mov");
        assertThat(paths(OutputPathPlanner.plan(source, CARD, Map.of(), BUILT_IN.resolve("editorial"), OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("ProRes/A001/A001C003.mov"), OUT.resolve("H264/A001/A001C003.mov"),
                        OUT.resolve("Posters/A001/A001C003.jpg"));
    }

    @Test
    void an_existing_file_gets_a_numbered_suffix() {
        Set<Path> existing = Set.of(OUT.resolve("A001.mov"));
        assertThat(paths(OutputPathPlanner.plan(CARD.resolve("A001.mov"), CARD, Map.of(),
                BUILT_IN.resolve("prores_proxy"), OUT, existing::contains))).containsExactly(OUT.resolve("A001_001.mov"));
    }

    @Test
    void overwrite_reports_that_it_replaces_an_existing_file() {
        ResolvedPreset preset = proresWith("{source_name}", folder(Mode.FLAT, null, null), Policy.OVERWRITE);
        List<PlannedOutput> planned = OutputPathPlanner.plan(CARD.resolve("A001.mov"), CARD, Map.of(), preset, OUT, p -> true);
        assertThat(planned).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(OUT.resolve("A001.mov"));
            assertThat(p.replacesExisting()).isTrue();
        });
    }

    @Test
    void the_source_itself_is_never_an_output_path() {
        Path source = CARD.resolve("A001.mov");
        OutputCollisionException e = catchThrowableOfType(() -> OutputPathPlanner.plan(source, CARD, Map.of(),
                proresWith("{source_name}", folder(Mode.FLAT, null, null), Policy.OVERWRITE), CARD, p -> true), OutputCollisionException.class);
        assertThat(e.reason()).isEqualTo(OutputCollisionException.Reason.WOULD_OVERWRITE_SOURCE);
        // with suffix the source counts as taken even if the predicate says otherwise
        assertThat(paths(OutputPathPlanner.plan(source, CARD, Map.of(),
                proresWith("{source_name}", folder(Mode.FLAT, null, null), Policy.SUFFIX), CARD, NOTHING_EXISTS)))
                .containsExactly(CARD.resolve("A001_001.mov"));
    }

    @Test
    void two_outputs_of_one_source_never_get_the_same_path() {
        ResolvedPreset one = proresWith("{source_name}", folder(Mode.FLAT, null, null), Policy.SUFFIX);
        ResolvedOutput o = one.outputs().get(0);
        ResolvedOutput twin = new ResolvedOutput("twin", o.spec(), o.codec(), o.naming(), o.folder(), o.duplicates());
        ResolvedPreset twins = new ResolvedPreset("twins", "", true, List.of(o, twin), one.exclusions(), one.queue(), one.reporting());
        assertThat(paths(OutputPathPlanner.plan(CARD.resolve("A001.mov"), CARD, Map.of(), twins, OUT, NOTHING_EXISTS)))
                .containsExactly(OUT.resolve("A001.mov"), OUT.resolve("A001_001.mov"));

        ResolvedOutput overwriting = new ResolvedOutput("twin", o.spec(), o.codec(), o.naming(), o.folder(),
                new DuplicatesPreset("o", "", Policy.OVERWRITE));
        ResolvedPreset clash = new ResolvedPreset("clash", "", true, List.of(o, overwriting), one.exclusions(), one.queue(), one.reporting());
        OutputCollisionException e = catchThrowableOfType(() -> OutputPathPlanner.plan(CARD.resolve("A001.mov"), CARD, Map.of(),
                clash, OUT, NOTHING_EXISTS), OutputCollisionException.class);
        assertThat(e.reason()).isEqualTo(OutputCollisionException.Reason.SAME_PATH_AS_OTHER_OUTPUT);
        assertThat(e.output()).isEqualTo("prores_proxy");
    }
}
