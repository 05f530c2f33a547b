package dev.spool.preset;

import dev.spool.domain.OutputSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All presets known to this process, validated once when built and immutable afterwards: the built-in
 * library plus the files of a presets folder. Building checks everything 002 asks for (unknown fields and
 * categories, duplicate and missing categories, references to presets that do not exist, duplicate ids) and
 * resolves every global preset and bundle, so {@link #resolve(String)} cannot fail for a listed id.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class PresetRegistry {
    private final Map<PresetCategory, Map<String, Located<CategoryPreset>>> categoryPresets;
    private final Map<String, Located<GlobalPreset>> globalPresets;
    private final Map<String, Located<PresetBundle>> bundles;
    private final Map<String, ResolvedPreset> resolved;

    private PresetRegistry(Map<PresetCategory, Map<String, Located<CategoryPreset>>> categoryPresets,
                           Map<String, Located<GlobalPreset>> globalPresets,
                           Map<String, Located<PresetBundle>> bundles,
                           Map<String, ResolvedPreset> resolved) {
        this.categoryPresets = categoryPresets;
        this.globalPresets = globalPresets;
        this.bundles = bundles;
        this.resolved = resolved;
    }

    /** Only the built-in library. */
    public static PresetRegistry builtIn() {
        return load(null, List.of());
    }

    /**
     * The built-in library plus every {@code .json}, {@code .yaml} and {@code .yml} file directly in
     * {@code presetsDir} (hidden files are ignored). A missing folder means built-ins only.
     *
     * @throws InvalidPresetsException with every problem found, each naming file and field
     */
    public static PresetRegistry load(Path presetsDir) {
        return load(presetsDir, List.of());
    }

    /**
     * Like {@link #load(Path)} plus {@code extraFiles} (e.g. a file to validate before it is copied into the
     * presets folder). A file that is also in the folder is read once.
     *
     * @throws InvalidPresetsException with every problem found, each naming file and field
     */
    public static PresetRegistry load(Path presetsDir, List<Path> extraFiles) {
        List<PresetValidationException> problems = new ArrayList<>();
        List<PresetFile> files = new ArrayList<>();
        for (String file : BuiltInPresets.FILES) {
            files.add(PresetFileReader.read(BuiltInPresets.read(file), BuiltInPresets.label(file), null, problems));
        }
        List<Path> paths = new ArrayList<>(listFolder(presetsDir, problems));
        for (Path extra : extraFiles) {
            // Read a file that is also in the folder once, under the name the caller used for it.
            paths.removeIf(p -> sameFile(p, extra));
            paths.add(extra);
        }
        for (Path path : paths) {
            String label = path.toString();
            if (!PresetFileReader.isPresetFileName(path.getFileName().toString())) {
                problems.add(new UnreadablePresetFileException(new PresetLocation(label, ""),
                        "preset files must end in .json, .yaml or .yml"));
                continue;
            }
            String text = PresetFileReader.readText(path, label, problems);
            if (text == null) continue;
            Path baseDir = path.toAbsolutePath().getParent();
            files.add(PresetFileReader.read(text, label, baseDir, problems));
        }
        return build(files, problems);
    }

    /**
     * This registry plus the presets of one more document (JSON or YAML text), checked as strictly as a file:
     * how a job's inline outputs become presets. Ids in the document must not repeat ids already here.
     *
     * @param label names the document in problem locations (e.g. {@code outputs})
     * @throws InvalidPresetsException with every problem found in the document
     */
    public PresetRegistry withDocument(String content, String label) {
        List<PresetValidationException> problems = new ArrayList<>();
        PresetFile existing = new PresetFile();
        categoryPresets.values().forEach(byId -> existing.categoryPresets.addAll(byId.values()));
        existing.globalPresets.addAll(globalPresets.values());
        existing.bundles.addAll(bundles.values());
        PresetFile added = PresetFileReader.read(content, label, null, problems);
        return build(List.of(existing, added), problems);
    }

    /** Builds from already parsed files; throws when {@code problems} is not empty after all checks. */
    static PresetRegistry build(List<PresetFile> files, List<PresetValidationException> problems) {
        Map<PresetCategory, Map<String, Located<CategoryPreset>>> categoryPresets = new EnumMap<>(PresetCategory.class);
        for (PresetCategory category : PresetCategory.values()) categoryPresets.put(category, new TreeMap<>());
        Map<String, Located<GlobalPreset>> globals = new TreeMap<>();
        Map<String, Located<PresetBundle>> bundles = new TreeMap<>();
        // Presets that were defined but invalid: references to them are not reported again as "not found".
        java.util.Set<String> invalid = new java.util.HashSet<>();
        for (PresetFile file : files) {
            invalid.addAll(file.invalidPresets);
            for (Located<CategoryPreset> p : file.categoryPresets) {
                Map<String, Located<CategoryPreset>> byId = categoryPresets.get(p.preset().category());
                Located<CategoryPreset> first = byId.putIfAbsent(p.preset().id(), p);
                if (first != null) {
                    problems.add(new DuplicatePresetIdException(p.at().child("id"), p.preset().category().wireName() + " preset",
                            p.preset().id(), first.at()));
                }
            }
            for (Located<GlobalPreset> g : file.globalPresets) {
                PresetLocation first = firstDefinition(g.preset().id(), globals, bundles);
                if (first != null) problems.add(new DuplicatePresetIdException(g.at().child("id"), "global preset", g.preset().id(), first));
                else globals.put(g.preset().id(), g);
            }
            for (Located<PresetBundle> b : file.bundles) {
                PresetLocation first = firstDefinition(b.preset().id(), globals, bundles);
                if (first != null) problems.add(new DuplicatePresetIdException(b.at().child("id"), "bundle", b.preset().id(), first));
                else bundles.put(b.preset().id(), b);
            }
        }
        Map<String, ResolvedPreset> resolved = new TreeMap<>();
        for (Located<GlobalPreset> g : globals.values()) {
            resolveGlobal(g, categoryPresets, invalid, problems).ifPresent(r -> resolved.put(r.id(), r));
        }
        for (Located<PresetBundle> b : bundles.values()) {
            resolveBundle(b, globals, bundles, resolved, invalid, problems).ifPresent(r -> resolved.put(r.id(), r));
        }
        if (!problems.isEmpty()) throw new InvalidPresetsException(problems);
        return new PresetRegistry(freeze(categoryPresets), globals, bundles, resolved);
    }

    /**
     * The outputs and rules of a global preset or bundle.
     *
     * @throws PresetNotFoundException naming the id and the known ids
     */
    public ResolvedPreset resolve(String id) {
        ResolvedPreset preset = resolved.get(id);
        if (preset == null) {
            throw new PresetNotFoundException(null, "preset", id, String.join(", ", resolved.keySet()));
        }
        return preset;
    }

    /** Global presets by id. */
    public List<GlobalPreset> globalPresets() {
        return globalPresets.values().stream().map(Located::preset).toList();
    }

    /** Bundles by id. */
    public List<PresetBundle> bundles() {
        return bundles.values().stream().map(Located::preset).toList();
    }

    /** The presets of one category, by id. */
    public List<CategoryPreset> categoryPresets(PresetCategory category) {
        return categoryPresets.get(category).values().stream().map(Located::preset).toList();
    }

    /** One category preset. */
    public Optional<CategoryPreset> categoryPreset(PresetCategory category, String id) {
        return Optional.ofNullable(categoryPresets.get(category).get(id)).map(Located::preset);
    }

    /** Where a global preset or bundle was defined. */
    public Optional<PresetLocation> definedAt(String id) {
        Located<?> found = globalPresets.containsKey(id) ? globalPresets.get(id) : bundles.get(id);
        return Optional.ofNullable(found).map(Located::at);
    }

    /** Where a category preset was defined. */
    public Optional<PresetLocation> definedAt(PresetCategory category, String id) {
        return Optional.ofNullable(categoryPresets.get(category).get(id)).map(Located::at);
    }

    /** What a file defines, as {@code category:id}, {@code global:id} and {@code bundle:id}, in that order. */
    public List<String> definedIn(String file) {
        List<String> out = new ArrayList<>();
        categoryPresets.forEach((category, byId) -> byId.values().stream().filter(p -> p.at().file().equals(file))
                .forEach(p -> out.add(category.wireName() + ":" + p.preset().id())));
        globalPresets.values().stream().filter(p -> p.at().file().equals(file)).forEach(p -> out.add("global:" + p.preset().id()));
        bundles.values().stream().filter(p -> p.at().file().equals(file)).forEach(p -> out.add("bundle:" + p.preset().id()));
        return out;
    }

    private static Optional<ResolvedPreset> resolveGlobal(Located<GlobalPreset> located,
                                                          Map<PresetCategory, Map<String, Located<CategoryPreset>>> categoryPresets,
                                                          java.util.Set<String> invalid,
                                                          List<PresetValidationException> problems) {
        GlobalPreset global = located.preset();
        Map<PresetCategory, CategoryPreset> found = new EnumMap<>(PresetCategory.class);
        for (PresetCategory category : PresetCategory.values()) {
            String ref = global.reference(category);
            Map<String, Located<CategoryPreset>> byId = categoryPresets.get(category);
            Located<CategoryPreset> target = byId.get(ref);
            if (target == null && !invalid.contains(category.wireName() + ":" + ref)) {
                problems.add(new PresetNotFoundException(located.at().child("presets").child(category.wireName()),
                        category.wireName() + " preset", ref, String.join(", ", byId.keySet())));
            } else if (target != null) {
                found.put(category, target.preset());
            }
        }
        if (found.size() != PresetCategory.values().length) return Optional.empty();
        CodecPreset codec = (CodecPreset) found.get(PresetCategory.CODEC);
        ScalingPreset scaling = (ScalingPreset) found.get(PresetCategory.SCALING);
        WatermarkPreset watermark = (WatermarkPreset) found.get(PresetCategory.WATERMARK);
        OutputSpec spec = new OutputSpec(global.id(), codec.container(),
                codec.video(scaling.toScale(), watermark.toWatermark()), codec.audio(), codec.still(), codec.timecode());
        ResolvedOutput output = new ResolvedOutput(global.id(), spec, codec,
                (NamingPreset) found.get(PresetCategory.NAMING),
                (FolderOutputPreset) found.get(PresetCategory.FOLDER_OUTPUT),
                (DuplicatesPreset) found.get(PresetCategory.DUPLICATES));
        return Optional.of(new ResolvedPreset(global.id(), global.description(), false, List.of(output),
                (ExclusionsPreset) found.get(PresetCategory.EXCLUSIONS),
                (QueuePreset) found.get(PresetCategory.QUEUE),
                (ReportingPreset) found.get(PresetCategory.REPORTING)));
    }

    private static Optional<ResolvedPreset> resolveBundle(Located<PresetBundle> located,
                                                          Map<String, Located<GlobalPreset>> globals,
                                                          Map<String, Located<PresetBundle>> bundles,
                                                          Map<String, ResolvedPreset> resolvedGlobals,
                                                          java.util.Set<String> invalid,
                                                          List<PresetValidationException> problems) {
        PresetBundle bundle = located.preset();
        int before = problems.size();
        List<ResolvedPreset> members = new ArrayList<>();
        for (int i = 0; i < bundle.outputs().size(); i++) {
            String id = bundle.outputs().get(i);
            PresetLocation at = located.at().child("outputs").index(i);
            if (bundles.containsKey(id)) {
                problems.add(new InvalidPresetValueException(at, "'" + id + "' is a bundle; a bundle lists global presets only"));
            } else if (!globals.containsKey(id) && !invalid.contains(PresetFileReader.GLOBAL_SECTION + ":" + id)) {
                problems.add(new PresetNotFoundException(at, "global preset", id, String.join(", ", globals.keySet())));
            } else if (resolvedGlobals.containsKey(id)) {
                members.add(resolvedGlobals.get(id));
            }
            // else: the global preset itself is invalid and already reported
        }
        if (problems.size() > before || members.size() != bundle.outputs().size()) return Optional.empty();
        ResolvedPreset first = members.get(0);
        for (int i = 1; i < members.size(); i++) {
            ResolvedPreset member = members.get(i);
            PresetLocation at = located.at().child("outputs").index(i);
            for (PresetCategory shared : List.of(PresetCategory.EXCLUSIONS, PresetCategory.QUEUE, PresetCategory.REPORTING)) {
                String mine = globals.get(member.id()).preset().reference(shared);
                String theirs = globals.get(first.id()).preset().reference(shared);
                if (!mine.equals(theirs)) {
                    problems.add(new InvalidPresetValueException(at, "'" + member.id() + "' uses " + shared.wireName() + " '" + mine
                            + "' but outputs[0] '" + first.id() + "' uses '" + theirs + "'; a bundle's outputs run in one task, so they share "
                            + "exclusions, queue and reporting"));
                }
            }
            for (int j = 0; j < i; j++) {
                if (sameTarget(members.get(j).outputs().get(0), member.outputs().get(0))) {
                    problems.add(new InvalidPresetValueException(at, "'" + member.id() + "' would be written to the same file as outputs["
                            + j + "] '" + members.get(j).id() + "' (same naming pattern, folder and container); give one a different "
                            + "naming or folder_output preset"));
                }
            }
        }
        if (problems.size() > before) return Optional.empty();
        List<ResolvedOutput> outputs = members.stream().map(m -> m.outputs().get(0)).toList();
        return Optional.of(new ResolvedPreset(bundle.id(), bundle.description(), true, outputs,
                first.exclusions(), first.queue(), first.reporting()));
    }

    private static boolean sameTarget(ResolvedOutput a, ResolvedOutput b) {
        return a.naming().pattern().equals(b.naming().pattern())
                && a.folder().equals(b.folder())
                && a.spec().container().equals(b.spec().container());
    }

    private static PresetLocation firstDefinition(String id, Map<String, Located<GlobalPreset>> globals,
                                                  Map<String, Located<PresetBundle>> bundles) {
        if (globals.containsKey(id)) return globals.get(id).at();
        if (bundles.containsKey(id)) return bundles.get(id).at();
        return null;
    }

    private static List<Path> listFolder(Path dir, List<PresetValidationException> problems) {
        if (dir == null || !Files.exists(dir)) return List.of();
        PresetLocation at = new PresetLocation(dir.toString(), "");
        if (!Files.isDirectory(dir)) {
            problems.add(new UnreadablePresetFileException(at, "the presets folder is not a folder"));
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> PresetFileReader.isPresetFileName(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            problems.add(new UnreadablePresetFileException(at, "cannot list the presets folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static Map<PresetCategory, Map<String, Located<CategoryPreset>>> freeze(
            Map<PresetCategory, Map<String, Located<CategoryPreset>>> byCategory) {
        Map<PresetCategory, Map<String, Located<CategoryPreset>>> frozen = new EnumMap<>(PresetCategory.class);
        byCategory.forEach((c, m) -> frozen.put(c, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    @Override
    public String toString() {
        return "PresetRegistry" + resolved.keySet().stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
