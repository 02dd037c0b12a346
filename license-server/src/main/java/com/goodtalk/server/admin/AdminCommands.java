package com.goodtalk.server.admin;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * The administrators' commands over the license store: {@code licenses}, {@code activations},
 * {@code audit} and {@code db}. The server's command line registers them as subcommands:
 *
 * <pre>{@code
 * CommandLine commandLine = new CommandLine(new Main(...));
 * AdminCommands.register(commandLine, out, err, environment);
 * }</pre>
 *
 * <p>Each command opens the store, prints what it changed and exits with 0, 64 for an invalid
 * argument, 65 for data that forbids the change (an unknown id, a duplicate, a status that does
 * not allow it) or 74 when the database or a file fails. Messages go to stderr in one line that
 * starts with the command's name.
 */
public final class AdminCommands {

    private AdminCommands() {
    }

    /** Adds the admin commands to {@code root}, writing to {@code out} and {@code err}. */
    public static void register(CommandLine root, PrintStream out, PrintStream err, Map<String, String> environment) {
        register(root, new AdminContext(out, err, environment, Clock.systemUTC()));
    }

    /**
     * Runs one admin command without the server's own options, as {@code license-server ARGS} would,
     * and returns the exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        return run(args, new AdminContext(out, err, environment, Clock.systemUTC()));
    }

    /** Runs one admin command with a chosen clock, for tests. */
    static int run(String[] args, AdminContext context) {
        CommandLine root = new CommandLine(new Standalone());
        register(root, context);
        root.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        root.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        root.setParameterExceptionHandler(AdminCommands::reportUsageError);
        return root.execute(args);
    }

    static void register(CommandLine root, AdminContext context) {
        Objects.requireNonNull(root, "root");
        IFactory factory = new ContextFactory(context);
        for (Class<?> command : new Class<?>[] {CommandGroups.Licenses.class, CommandGroups.Activations.class,
                AuditCommand.class, CommandGroups.Db.class}) {
            CommandLine commandLine = new CommandLine(command, factory);
            setExitCodes(commandLine);
            root.addSubcommand(commandLine);
        }
    }

    /** Sets the sysexits codes on a command and its subcommands, which picocli would give 1 and 2. */
    private static void setExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCode.SOFTWARE);
        commandLine.getSubcommands().values().forEach(AdminCommands::setExitCodes);
    }

    /** Prints a usage error in two lines instead of the whole help, which would bury the message. */
    private static int reportUsageError(ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        String command = error.getCommandLine().getCommandSpec().qualifiedName();
        err.println(command + ": " + error.getMessage());
        err.println("Run '" + command + " --help' to see the options.");
        return ExitCode.USAGE;
    }

    /** The root command of {@link #run}: only the admin commands, without the server's options. */
    @Command(name = "license-server", description = "Administers the GoodTalk license store.")
    static final class Standalone {
        @Mixin
        HelpOption help;
    }

    /** Creates commands that take an {@link AdminContext}, and everything else with picocli's default factory. */
    private record ContextFactory(AdminContext context) implements IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> constructor;
            try {
                constructor = type.getDeclaredConstructor(AdminContext.class);
            } catch (NoSuchMethodException noContext) {
                return CommandLine.defaultFactory().create(type);
            }
            return constructor.newInstance(context);
        }
    }
}
