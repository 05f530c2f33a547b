package dev.spool.preset.output;

import dev.spool.preset.DuplicatesPreset.Policy;
import dev.spool.preset.FolderOutputPreset;
import dev.spool.preset.NamingVariable;
import dev.spool.preset.ResolvedOutput;
import dev.spool.preset.ResolvedPreset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plans the final path of every output of one source. Pure: no file system access beyond the caller's
 * {@code exists} predicate, and paths are only made absolute and normalized.
 *
 * <p>For each output, in order: render the naming pattern with the metadata and
 * {@code {source_name}}, {@code {preset}}, {@code {codec}}; sanitize it ({@link FileNameSanitizer}); append
 * {@code .<container>}; place it in the folder the FOLDER_OUTPUT preset says; then apply the DUPLICATES policy,
 * counting paths already planned for earlier outputs of the same source as taken. The source itself is never
 * a valid output path.
 *
 * <p>The check-then-write race (another process creating the file after planning) is the engine's to handle
 * with its atomic rename; planning only decides the name.
 */
public final class OutputPathPlanner {

    private OutputPathPlanner() {
    }

    /**
     * @param source     the source file
     * @param sourceRoot the folder the job's sources were selected from; required by folder mode {@code mirror},
     *                   ignored otherwise (may be null then)
     * @param metadata   values for the metadata variables ({@code width, height, fps, timecode, reel, date});
     *                   absent ones render as {@code unknown}. Must not contain the planner's own variables.
     * @param preset     the resolved preset
     * @param outputRoot the job's output folder
     * @param exists     whether a path is already taken on the destination
     * @return one planned output per {@code preset.outputs()}, in the same order
     * @throws SourceOutsideRootException for mode mirror when the source is not inside {@code sourceRoot}
     * @throws OutputCollisionException   when the DUPLICATES policy cannot give a path
     * @throws IllegalArgumentException   when {@code metadata} sets a planner variable, or mirror has no source root
     */
    public static List<PlannedOutput> plan(Path source, Path sourceRoot, Map<NamingVariable, String> metadata,
                                           ResolvedPreset preset, Path outputRoot, Predicate<Path> exists) {
        for (NamingVariable variable : metadata.keySet()) {
            if (variable.filledByPlanner()) {
                throw new IllegalArgumentException("{" + variable.token() + "} is filled by the planner; do not pass it as metadata");
            }
        }
        Path sourcePath = source.toAbsolutePath().normalize();
        Path root = outputRoot.toAbsolutePath().normalize();
        Set<Path> planned = new HashSet<>();
        List<PlannedOutput> result = new ArrayList<>();
        for (ResolvedOutput output : preset.outputs()) {
            String name = output.spec().name();
            Map<NamingVariable, String> values = new EnumMap<>(NamingVariable.class);
            values.putAll(metadata);
            values.put(NamingVariable.SOURCE_NAME, stem(sourcePath));
            values.put(NamingVariable.PRESET, output.presetId());
            values.put(NamingVariable.CODEC, output.codec().id());
            String fileName = FileNameSanitizer.sanitize(output.naming().pattern().render(values)) + "." + output.spec().container();
            Path desired = folder(output.folder(), sourcePath, sourceRoot, root).resolve(fileName).normalize();

            Policy policy = output.duplicates().policy();
            if (policy != Policy.SUFFIX) {
                if (desired.equals(sourcePath)) {
                    throw new OutputCollisionException(OutputCollisionException.Reason.WOULD_OVERWRITE_SOURCE, name, desired);
                }
                if (planned.contains(desired)) {
                    throw new OutputCollisionException(OutputCollisionException.Reason.SAME_PATH_AS_OTHER_OUTPUT, name, desired);
                }
            }
            Predicate<Path> taken = p -> p.equals(sourcePath) || planned.contains(p) || exists.test(p);
            Path path = DuplicateResolver.resolve(desired, policy, taken, name);
            planned.add(path);
            result.add(new PlannedOutput(output, path, policy == Policy.OVERWRITE && exists.test(path)));
        }
        return List.copyOf(result);
    }

    /** The folder an output goes to, per its FOLDER_OUTPUT preset. */
    static Path folder(FolderOutputPreset folder, Path source, Path sourceRoot, Path outputRoot) {
        return switch (folder.mode()) {
            case FLAT -> withSubfolder(outputRoot, folder.subfolder());
            case MIRROR -> {
                if (sourceRoot == null) {
                    throw new IllegalArgumentException("folder mode 'mirror' (preset '" + folder.id() + "') needs a source root");
                }
                Path rootPath = sourceRoot.toAbsolutePath().normalize();
                Path parent = source.getParent();
                if (parent == null || !parent.startsWith(rootPath)) throw new SourceOutsideRootException(source, rootPath);
                yield withSubfolder(outputRoot, folder.subfolder()).resolve(rootPath.relativize(parent));
            }
            case FIXED -> outputRoot.resolve(folder.folder()).normalize();
        };
    }

    private static Path withSubfolder(Path outputRoot, String subfolder) {
        return subfolder == null ? outputRoot : outputRoot.resolve(subfolder).normalize();
    }

    private static String stem(Path source) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
