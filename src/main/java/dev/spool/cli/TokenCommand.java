package dev.spool.cli;

import dev.spool.api.ApiTokens;
import dev.spool.store.SqlJobStore;
import dev.spool.store.TokenStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code spool token create|list|revoke}: API tokens for the HTTP API. Only hashes are stored. */
@Command(name = "token", description = "Manage API tokens for the HTTP API.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Creates a token and prints it once. */
    @Command(name = "create", description = "Create an API token and print it once (only its hash is stored).")
    public static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--name", required = true, description = "A unique name, e.g. the client using it.")
        String name;
        @Option(names = "--role", defaultValue = "viewer", description = "operator (read and write) or viewer "
                + "(read only). Default: ${DEFAULT-VALUE}.")
        String role;

        @Override
        public Integer call() {
            TokenStore.Role r;
            try {
                r = TokenStore.Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput(e.getMessage());
            }
            try (SqlJobStore store = global.openStore()) {
                ApiTokens.Created created = new ApiTokens(new TokenStore(store.database())).create(name, r);
                PrintWriter out = spec.commandLine().getOut();
                out.println(created.token());
                out.flush();
                spec.commandLine().getErr().println("created " + r.wireName() + " token '" + created.stored().name()
                        + "'; it is shown only this once. Send it as 'Authorization: Bearer <token>'.");
                return ExitCode.OK;
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput(e.getMessage());
            }
        }
    }

    /** Lists token names and roles (never the tokens). */
    @Command(name = "list", description = "List API tokens by name and role.")
    public static final class ListTokens implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;

        @Override
        public Integer call() {
            try (SqlJobStore store = global.openStore()) {
                PrintWriter out = spec.commandLine().getOut();
                for (TokenStore.StoredToken t : new TokenStore(store.database()).list()) {
                    out.println(t.name() + "\t" + t.role().wireName() + "\t" + t.createdAt());
                }
                out.flush();
                return ExitCode.OK;
            }
        }
    }

    /** Deletes a token by name. */
    @Command(name = "revoke", description = "Delete an API token by name.")
    public static final class Revoke implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        GlobalOptions global;
        @Option(names = "--name", required = true)
        String name;

        @Override
        public Integer call() {
            try (SqlJobStore store = global.openStore()) {
                if (!new TokenStore(store.database()).revoke(name)) throw CliException.invalidInput("no token named '" + name + "'");
                spec.commandLine().getOut().println("revoked token '" + name + "'");
                spec.commandLine().getOut().flush();
                return ExitCode.OK;
            }
        }
    }
}
