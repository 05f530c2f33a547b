package dev.spool.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Asks the operator before a state-changing command acts (002: confirmation required). {@code --yes}
 * skips the question; with no answer available (end of input), the command is refused rather than guessed.
 */
final class Confirmation {
    private Confirmation() {
    }

    static void require(String question, boolean yes, InputStream in, PrintWriter out) {
        if (yes) return;
        out.print(question + " [y/N] ");
        out.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            out.println();
            throw CliException.invalidInput("no confirmation received; re-run with --yes to confirm non-interactively");
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        if (!a.equals("y") && !a.equals("yes")) throw CliException.invalidInput("not confirmed; nothing was changed");
    }
}
