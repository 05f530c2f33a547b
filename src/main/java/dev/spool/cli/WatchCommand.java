package dev.spool.cli;

import dev.spool.preset.PresetRegistry;
import dev.spool.store.SqlJobStore;
import dev.spool.store.WatchStore;
import dev.spool.watch.InvalidWatchFolderException;
import dev.spool.watch.WatchFolderInput;
import dev.spool.watch.WatchFolderValidator;
import dev.spool.watch.WatchFolders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

/**
 * {@code spool watch add|list|remove|pause|resume|jobs}: watch folders, stored in the store and scanned by
 * {@code spool serve} (the node holding the {@code watch} leadership). Folders are named by id or path.
 */
@Command(name = "watch", description = "Manage watch folders (scanned by 'spool serve').",
        subcommands = {WatchCommand.Add.class, WatchCommand.ListFolders.class, WatchCommand.Remove.class,
                WatchCommand.Pause.class, WatchCommand.Resume.class, WatchCommand.Jobs.class})
public final class WatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the store, runs {@code work} with the folder manager, and turns bad settings into exit 2. */
    static <T> T withFolders(GlobalOptions global, BiFunction<WatchFolders, SqlJobStore, T> work) {
        try (SqlJobStore store = global.openStore()) {
            PresetRegistry presets = global.presets();
            WatchFolders folders = new WatchFolders(new WatchStore(store.database()),
                    new WatchFolderValidator(() -> presets, List.of()));
            return work.apply(folders, store);
        } catch (InvalidWatchFolderException e) {
            throw CliException.invalidInput(e.field() + ": " + e.getMessage());
        } catch (WatchStore.DuplicateWatchFolderException e) {
            throw CliException.invalidInput(e.getMessage() + " (see 'spool watch list')");
        }
    }

    static String describe(WatchStore.Folder f) {
        WatchStore.Settings s = f.settings();
        String what = s.action() == WatchStore.Action.IMPORT
                ? "import (" + s.importMode().name().toLowerCase() + ") into " + s.outputDir() + "/<YYYY-MM-DD>/"
                : "preset " + s.presetId() + " -> " + s.outputDir();
        return f.id() + "  " + f.status() + "  " + f.path() + (s.recursive() ? " (recursive)" : "") + "  " + what
                + "  auto-execute " + (s.autoExecute() ? "on (max " + s.maxActiveJobs() + " active)" : "off")
                + "  stable " + s.stableFor().toSeconds() + " s"
                + (f.status() == WatchStore.Status.OFFLINE ? "  reason: " + f.offlineReason() : "")
                + (f.lastError() != null ? "  last error: " + f.lastError() : "")
                + "  jobs " + f.jobsCreated() + (f.jobsHeld() > 0 ? " (" + f.jobsHeld() + " held)" : "");
    }

    @Command(name = "add", description = "Watch a folder: each new file, once stable, becomes a job.")
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Parameters(index = "0", paramLabel = "PATH", description = "The folder to watch (must exist).")
        String path;
        @Option(names = "--preset", paramLabel = "ID", description = "Preset for the jobs (required unless --import).")
        String preset;
        @Option(names = "--out", paramLabel = "DIR", description = "Output folder; with --import, where files go "
                + "(<DIR>/<YYYY-MM-DD>/<file>). Must not be inside the watched folder.")
        String out;
        @Option(names = "--recursive", description = "Watch sub-folders too (hidden ones are skipped).")
        boolean recursive;
        @Option(names = "--auto-execute", description = "Start jobs at once when the safety checks pass (preset valid, "
                + "free disk above minFreeDiskMb, at most --max-active of this folder's jobs active); otherwise they "
                + "wait PENDING with the reason.")
        boolean autoExecute;
        @Option(names = "--extensions", split = ",", paramLabel = "EXT", description = "Extensions to take, e.g. "
                + "mov,mxf (default: common video; --import adds images).")
        List<String> extensions;
        @Option(names = "--stable-seconds", paramLabel = "N", description = "Seconds a file's size and mtime must stay "
                + "unchanged before it is taken (default 10).")
        Integer stableSeconds;
        @Option(names = "--max-active", paramLabel = "N", description = "Auto-execution's limit of this folder's active "
                + "jobs (default 1).")
        Integer maxActive;
        @Option(names = "--import", description = "Import files unchanged (no transcode) instead of running a preset.")
        boolean importFiles;
        @Option(names = "--move", description = "With --import: move files instead of copying them.")
        boolean move;
        @Option(names = "--json", description = "Print the folder as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (move && !importFiles) throw CliException.invalidInput("--move applies only with --import");
            WatchFolderInput in = new WatchFolderInput(path, importFiles ? "import" : "transcode", preset, out,
                    importFiles ? (move ? "move" : "copy") : null, recursive, autoExecute, extensions, stableSeconds,
                    maxActive);
            WatchStore.Folder f = withFolders(global, (folders, store) -> folders.create(in));
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(JsonOutput.write(WatchFolders.view(f)));
            } else {
                o.println("watching " + describe(f));
                o.println("'spool serve' scans it" + (f.settings().autoExecute() ? "" : "; jobs wait PENDING until "
                        + "you start them ('spool watch jobs " + f.id() + "')"));
            }
            o.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List watch folders with their status.")
    static final class ListFolders implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<WatchStore.Folder> list = withFolders(global, (folders, store) -> folders.list());
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(JsonOutput.write(list.stream().map(WatchFolders::view).toList()));
            } else if (list.isEmpty()) {
                o.println("no watch folders (add one with 'spool watch add PATH --preset ID --out DIR')");
            } else {
                list.forEach(f -> o.println(describe(f)));
            }
            o.flush();
            return ExitCode.OK;
        }
    }

    /** Shared shape of the commands that act on one folder. */
    abstract static class OneFolder implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Parameters(index = "0", paramLabel = "ID|PATH", description = "The folder's id or path.")
        String folder;

        abstract WatchStore.Folder act(WatchFolders folders);

        abstract String done();

        @Override
        public Integer call() {
            WatchStore.Folder f = withFolders(global, (folders, store) -> act(folders));
            PrintWriter o = spec.commandLine().getOut();
            o.println(done() + " " + f.id() + " (" + f.path() + ")");
            o.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", description = "Stop watching a folder (its jobs stay; what it ingested is forgotten).")
    static final class Remove extends OneFolder {
        @Override
        WatchStore.Folder act(WatchFolders folders) {
            return folders.remove(folder);
        }

        @Override
        String done() {
            return "removed";
        }
    }

    @Command(name = "pause", description = "Pause a watch folder: nothing is scanned or ingested until resumed.")
    static final class Pause extends OneFolder {
        @Override
        WatchStore.Folder act(WatchFolders folders) {
            return folders.pause(folder);
        }

        @Override
        String done() {
            return "paused";
        }
    }

    @Command(name = "resume", description = "Resume a paused watch folder.")
    static final class Resume extends OneFolder {
        @Override
        WatchStore.Folder act(WatchFolders folders) {
            return folders.resume(folder);
        }

        @Override
        String done() {
            return "resumed";
        }
    }

    @Command(name = "jobs", description = "The jobs a watch folder created, newest first, with why held ones wait.")
    static final class Jobs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Parameters(index = "0", paramLabel = "ID|PATH", description = "The folder's id or path.")
        String folder;
        @Option(names = "--limit", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) throw CliException.invalidInput("--limit must be between 1 and 1000");
            List<WatchStore.WatchJob> jobs = withFolders(global, (folders, store) -> folders.jobs(folder, limit));
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(JsonOutput.write(jobs.stream().map(WatchFolders::view).toList()));
            } else {
                for (WatchStore.WatchJob j : jobs) {
                    var v = WatchFolders.view(j);
                    o.println(j.jobId() + "  " + j.jobStatus() + "  " + j.path()
                            + (v.get("holdReason") != null ? "  held: " + v.get("holdReason") : ""));
                }
            }
            o.flush();
            return ExitCode.OK;
        }
    }
}
