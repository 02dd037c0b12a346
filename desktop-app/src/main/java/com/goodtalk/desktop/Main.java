package com.goodtalk.desktop;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The desktop app's entry point: without a subcommand it opens the activation window, and
 * {@code activate} runs one activation on the command line.
 *
 * <p>This class does not extend {@code javafx.application.Application}. The Java launcher
 * refuses to start an {@code Application} subclass from the class path unless JavaFX is on the
 * module path, so a plain main class is what lets {@code java -jar goodtalk-desktop.jar} open the
 * window from the shaded jar.
 */
@Command(name = "goodtalk-desktop", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE, version = "GoodTalk desktop 0.1.0",
        description = "Opens the GoodTalk activation window. Use the activate subcommand to activate"
                + " without a window.",
        subcommands = {ActivateCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the window was closed",
            "64:usage error (unknown option, unreadable secret file)",
            "69:the window could not open (no display or no GTK 3)"})
public final class Main implements Callable<Integer> {

    /** The server the window points at unless {@code --server} sets another: the demo server's address. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = DEFAULT_SERVER,
            description = "The license server's base URL that the window starts with (default: ${DEFAULT-VALUE}).")
    private String server;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "A file that contains the v1 secret; line breaks at its end are ignored. Without it"
                    + " the secret comes from "
                    + SecretSource.ENV_VARIABLE + ", or else the public demo secret is used with a warning.")
    private Path secretFile;

    private final Map<String, String> environment;

    private Main(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs the command line and exits the JVM with its exit code, after the window closes if one opened. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line with the process environment and returns the exit code (see
     * {@link ExitCode}) instead of exiting, so callers and tests can run it in-process.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the command line with {@code environment} in place of the process environment. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Objects.requireNonNull(args, "args");
        CommandLine commandLine = new CommandLine(new Main(environment));
        commandLine.setOut(writer(out));
        commandLine.setErr(writer(err));
        commandLine.setParameterExceptionHandler(Main::reportUsageError);
        commandLine.setExecutionExceptionHandler((exception, failedCommand, parseResult) -> {
            LOG.error("The command failed unexpectedly", exception);
            failedCommand.getErr().println("Internal error (" + exception.getClass().getName() + "): "
                    + exception.getMessage() + " Please report it with the log above.");
            failedCommand.getErr().flush();
            return ExitCode.INTERNAL_ERROR;
        });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /** Opens the window and returns once the user has closed it. */
    @Override
    public Integer call() throws InterruptedException {
        ConfiguredSecret secret = resolveSecret(null, spec.commandLine());
        try {
            ActivationWindow.showAndWait(server, secret);
        } catch (WindowUnavailableException e) {
            LOG.debug("JavaFX could not start", e);
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.NO_WINDOW;
        }
        return 0;
    }

    /**
     * Resolves the secret from {@code commandFile} (a subcommand's {@code --secret-file}), the
     * {@code --secret-file} given before the subcommand, or the environment.
     *
     * @throws ParameterException if the secret file or variable is unusable, which picocli
     *                            reports as a usage error of {@code commandLine}
     */
    ConfiguredSecret resolveSecret(Path commandFile, CommandLine commandLine) {
        try {
            return SecretSource.V1.resolve(commandFile != null ? commandFile : secretFile, environment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage(), e);
        }
    }

    /** Prints the problem and a pointer to the help, not the whole usage text, which would bury the message. */
    private static int reportUsageError(ParameterException problem, String[] args) {
        CommandLine failedCommand = problem.getCommandLine();
        PrintWriter err = failedCommand.getErr();
        err.println(problem.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("Run '" + failedCommand.getCommandSpec().qualifiedName() + " --help' for the usage.");
        err.flush();
        return failedCommand.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }
}
