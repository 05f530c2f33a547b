package dev.spool.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spool.preset.CategoryPreset;
import dev.spool.preset.PresetCategory;
import dev.spool.preset.PresetNotFoundException;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.QueuePreset;
import dev.spool.preset.ReportingPreset;
import dev.spool.preset.ResolvedOutput;
import dev.spool.preset.ResolvedPreset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code spool presets show ID}: what a global preset or bundle produces, or one category preset ({@code CATEGORY:ID}). */
@Command(name = "show", description = "Show a global preset or bundle resolved to its outputs and rules, "
        + "or a category preset written CATEGORY:ID (e.g. codec:prores_hq).")
public final class PresetsShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PresetsDirOption presets;

    @Parameters(paramLabel = "ID", description = "Global preset or bundle id, or CATEGORY:ID.")
    String id;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        PresetRegistry registry = presets.load(List.of());
        PrintWriter out = spec.commandLine().getOut();
        int colon = id.indexOf(':');
        if (colon > 0) {
            showCategoryPreset(registry, id.substring(0, colon), id.substring(colon + 1), out);
        } else {
            ResolvedPreset preset;
            try {
                preset = registry.resolve(id);
            } catch (PresetNotFoundException e) {
                throw CliException.invalidInput(e.getMessage());
            }
            String definedAt = registry.definedAt(id).map(Object::toString).orElse("");
            if (json) {
                ObjectNode node = PresetJson.MAPPER.createObjectNode();
                node.put("id", preset.id());
                node.put("kind", preset.bundle() ? "bundle" : "global");
                node.put("definedAt", definedAt);
                node.setAll((ObjectNode) PresetJson.MAPPER.valueToTree(preset));
                node.remove("bundle");
                out.println(PresetJson.write(node));
            } else {
                printResolved(preset, definedAt, out);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private void showCategoryPreset(PresetRegistry registry, String categoryName, String presetId, PrintWriter out) {
        PresetCategory category = PresetCategory.fromWireName(categoryName).orElseThrow(() -> CliException.invalidInput(
                "unknown category '" + categoryName + "'; known categories: " + PresetCategory.wireNames()));
        CategoryPreset preset = registry.categoryPreset(category, presetId).orElseThrow(() -> CliException.invalidInput(
                category.wireName() + " preset '" + presetId + "' not found; known: "
                        + String.join(", ", registry.categoryPresets(category).stream().map(CategoryPreset::id).toList())));
        ObjectNode node = PresetJson.MAPPER.createObjectNode();
        node.put("category", category.wireName());
        node.put("definedAt", registry.definedAt(category, presetId).map(Object::toString).orElse(""));
        node.setAll((ObjectNode) PresetJson.MAPPER.valueToTree(preset));
        out.println(PresetJson.write(node));
    }

    private static void printResolved(ResolvedPreset preset, String definedAt, PrintWriter out) {
        out.println(preset.id() + (preset.bundle() ? " (bundle)" : " (global preset)")
                + (preset.description().isEmpty() ? "" : ": " + preset.description()));
        out.println("  defined in  " + definedAt);
        QueuePreset q = preset.queue();
        ReportingPreset r = preset.reporting();
        out.println("  exclusions  " + preset.exclusions().id() + describeExclusions(preset));
        out.println("  queue       " + q.id() + ": priority " + q.priority() + ", up to " + q.maxConcurrent()
                + " at once, recovery " + q.recovery().wireName() + ", " + q.maxAttempts() + " attempts");
        out.println("  reporting   " + r.id() + ": " + String.join(", ", r.formats().stream()
                .map(f -> f.name().toLowerCase(Locale.ROOT)).toList()) + " in " + r.folder());
        for (ResolvedOutput o : preset.outputs()) {
            out.println();
            out.println("  output " + o.spec().name());
            out.println("    codec       " + o.codec().id() + ": " + PresetJson.summary(o.spec()));
            out.println("    naming      " + o.naming().id() + ": " + o.naming().pattern() + "." + o.spec().container());
            out.println("    folder      " + o.folder().id() + ": " + o.folder().mode().name().toLowerCase(Locale.ROOT)
                    + (o.folder().subfolder() != null ? " under " + o.folder().subfolder() + "/" : "")
                    + (o.folder().folder() != null ? " " + o.folder().folder() : ""));
            out.println("    duplicates  " + o.duplicates().id() + ": " + o.duplicates().policy().name().toLowerCase(Locale.ROOT));
        }
    }

    private static String describeExclusions(ResolvedPreset preset) {
        var e = preset.exclusions();
        StringBuilder s = new StringBuilder();
        if (e.skipHidden()) s.append(", hidden files");
        if (!e.extensions().isEmpty()) s.append(", extensions ").append(String.join(" ", e.extensions()));
        if (!e.names().isEmpty()) s.append(", names ").append(String.join(" ", e.names()));
        if (e.minDurationSeconds() != null) s.append(", shorter than ").append(e.minDurationSeconds()).append(" s");
        return s.isEmpty() ? ": nothing excluded" : ": skips" + s.substring(1);
    }
}
