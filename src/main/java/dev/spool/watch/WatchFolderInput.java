package dev.spool.watch;

import java.util.List;

/**
 * Watch folder settings as a user gives them (CLI flags, API body). Null means "not given": the default on
 * create, the current value on edit. {@link WatchFolderValidator} turns it into stored settings.
 *
 * @param path          the folder to watch (absolute, or relative to the working directory)
 * @param action        {@code transcode} (default) or {@code import}
 * @param preset        global preset or bundle id; required for {@code transcode}, refused for {@code import}
 * @param outputDir     outputs (transcode) or the import destination (import: {@code <outputDir>/<YYYY-MM-DD>/})
 * @param importMode    {@code copy} (default) or {@code move}; import only
 * @param recursive     watch sub-folders too (default false)
 * @param autoExecute   start jobs at once when the safety checks pass (default false: jobs wait PENDING)
 * @param extensions    file extensions taken, without dots (default: the media extensions; import adds images)
 * @param stableSeconds how long a file's size and mtime must stay unchanged (default 10, 1 to 86400)
 * @param maxActiveJobs most of this folder's jobs active at once before auto-execution holds new ones (default 1)
 */
public record WatchFolderInput(String path, String action, String preset, String outputDir, String importMode,
                               Boolean recursive, Boolean autoExecute, List<String> extensions, Integer stableSeconds,
                               Integer maxActiveJobs) {
}
