package dev.spool.cli;

import dev.spool.preset.CategoryPreset;
import dev.spool.preset.GlobalPreset;
import dev.spool.preset.PresetBundle;
import dev.spool.preset.PresetCategory;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.ResolvedPreset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spool presets list}: global presets and bundles (what a job can use), then category presets. */
@Command(name = "list", description = "List global presets, bundles and category presets.")
public final class PresetsListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PresetsDirOption presets;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        PresetRegistry registry = presets.load(List.of());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(PresetJson.write(asJson(registry)));
        } else {
            printText(registry, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static Map<String, Object> asJson(PresetRegistry registry) {
        List<Map<String, Object>> usable = new ArrayList<>();
        for (GlobalPreset g : registry.globalPresets()) usable.add(entry(registry.resolve(g.id()), "global"));
        for (PresetBundle b : registry.bundles()) usable.add(entry(registry.resolve(b.id()), "bundle"));
        Map<String, Object> categories = new LinkedHashMap<>();
        for (PresetCategory category : PresetCategory.values()) {
            categories.put(category.wireName(), registry.categoryPresets(category).stream()
                    .map(p -> Map.of("id", p.id(), "description", p.description())).toList());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("presets", usable);
        root.put("categories", categories);
        return root;
    }

    private static Map<String, Object> entry(ResolvedPreset preset, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", preset.id());
        m.put("kind", kind);
        m.put("description", preset.description());
        m.put("outputs", preset.outputSpecs().stream().map(s -> Map.of("name", s.name(), "summary", PresetJson.summary(s))).toList());
        return m;
    }

    private static void printText(PresetRegistry registry, PrintWriter out) {
        int width = 0;
        for (GlobalPreset g : registry.globalPresets()) width = Math.max(width, g.id().length());
        for (PresetBundle b : registry.bundles()) width = Math.max(width, b.id().length());
        String row = "  %-" + width + "s  %s%n";
        out.println("Global presets:");
        for (GlobalPreset g : registry.globalPresets()) {
            out.printf(row, g.id(), PresetJson.summary(registry.resolve(g.id()).outputSpecs().get(0)));
        }
        out.println();
        out.println("Bundles (several outputs from one decode):");
        for (PresetBundle b : registry.bundles()) out.printf(row, b.id(), String.join(" + ", b.outputs()));
        out.println();
        out.println("Category presets:");
        for (PresetCategory category : PresetCategory.values()) {
            out.printf("  %-13s  %s%n", category.wireName(),
                    String.join(", ", registry.categoryPresets(category).stream().map(CategoryPreset::id).toList()));
        }
        out.println();
        out.println("Show one with: spool presets show ID   (category presets: spool presets show CATEGORY:ID)");
    }
}
