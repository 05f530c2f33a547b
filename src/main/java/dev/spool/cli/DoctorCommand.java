package dev.spool.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder replaced below. */
@Command(name = "doctor", description = "Check this machine: Java, ffmpeg, data directory, database, disk.")
public final class DoctorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCode.OK;
    }
}
