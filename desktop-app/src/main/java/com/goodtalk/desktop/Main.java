package com.goodtalk.desktop;

import com.goodtalk.desktop.license.LicenseViewModel;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.protocol.client.V1Client;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The desktop app's entry point: without a subcommand it opens the activation window, and
 * {@code activate}, {@code validate} and {@code deactivate} run one exchange on the command line.
 * Protocol v2 is the default; {@code --protocol v1} selects the original protocol.
 *
 * <p>This class does not extend {@code javafx.application.Application}. The Java launcher
 * refuses to start an {@code Application} subclass from the class path unless JavaFX is on the
 * module path, so a plain main class is what lets {@code java -jar goodtalk-desktop.jar} open the
 * window from the shaded jar.
 */
@Command(name = "goodtalk-desktop", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE,
        versionProvider = AppVersion.class,
        description = "Opens the GoodTalk activation window. Use the activate, validate and deactivate"
                + " subcommands to work without a window.",
        subcommands = {ActivateCommand.class, ValidateCommand.class, DeactivateCommand.class, StatusCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the window was closed",
            "64:usage error (unknown option, unusable secret or key set file)",
            "69:the window could not open (no display or no GTK 3)"})
public final class Main implements Callable<Integer> {

    /** The server the window points at unless {@code --server} sets another: the demo server's address. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "The license server's base URL that the window starts with, instead of the one it"
                    + " remembers (default: " + DEFAULT_SERVER + ").")
    private String server;

    @Option(names = "--protocol", paramLabel = "v1|v2", converter = ProtocolConverter.class,
            description = "The protocol the window starts with, instead of the one it remembers, and the subcommands"
                    + " use unless they set their own (default: v2).")
    private Protocol protocol;

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "The folder of the window's settings file (default: the user's settings folder, such as"
                    + " ~/.config/goodtalk).")
    private Path configDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The directory of the stored license (default: the user's data directory, such as"
                    + " ~/.local/share/goodtalk on Linux).")
    private Path dataDir;

    @Mixin
    private V1Options v1Options;

    @Mixin
    private V2Options v2Options;

    @Mixin
    private TamperOptions tamperOptions;

    private final ClientSetup setup;

    private V2Settings windowSettings;

    private Main(ClientSetup setup) {
        this.setup = setup;
    }

    /** Returns a command whose clients read from {@code setup}, for tests that parse arguments into it. */
    static Main create(ClientSetup setup) {
        return new Main(Objects.requireNonNull(setup, "setup"));
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
        return run(args, out, err, ClientSetup.of(environment));
    }

    /** Runs the command line with {@code setup} in place of the process environment, machine id and jar keys. */
    static int run(String[] args, PrintStream out, PrintStream err, ClientSetup setup) {
        Objects.requireNonNull(args, "args");
        CommandLine commandLine = new CommandLine(create(setup));
        commandLine.setOut(writer(out));
        commandLine.setErr(writer(err));
        commandLine.setParameterExceptionHandler(Main::reportUsageError);
        commandLine.setExecutionExceptionHandler((exception, failedCommand, parseResult) -> {
            if (exception instanceof CommandFailedException failure) {
                LOG.debug("The command failed", failure);
                failedCommand.getErr().println(failure.getMessage());
                failedCommand.getErr().flush();
                return failure.exitCode();
            }
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
        List<ProtocolOption> options = windowOptions();
        Function<ActivationViewModel, LicenseViewModel> licenses = licenseViews();
        SettingsStore store = settingsStore();
        UserSettings stored = store.load();
        try {
            ActivationWindow.showAndWait(windowServer(stored), options, windowProtocol(stored), stored.theme(), store,
                    licenses, tamperOptions.attack().or(stored::tamper).orElse(null), tamperOptions.delay());
        } catch (WindowUnavailableException e) {
            LOG.debug("JavaFX could not start", e);
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCode.NO_WINDOW;
        }
        return 0;
    }

    /**
     * Returns the protocols the window offers, v2 first.
     *
     * @throws ParameterException if a key set, secret or id given by the user is unusable
     */
    List<ProtocolOption> windowOptions() {
        return List.of(v2Option(), v1Option());
    }

    /** Returns the protocol the window starts with when nothing is stored: {@code --protocol}, or else v2. */
    Protocol windowProtocol() {
        return windowProtocol(UserSettings.DEFAULTS);
    }

    /** Returns the protocol the window starts with: {@code --protocol}, else the stored one, else v2. */
    Protocol windowProtocol(UserSettings stored) {
        return protocol().or(stored::protocol).orElse(Protocol.V2);
    }

    /** Returns the server URL the window starts with: {@code --server}, else the stored one, else the demo server. */
    String windowServer(UserSettings stored) {
        return Optional.ofNullable(server).or(stored::serverUrl).orElse(DEFAULT_SERVER);
    }

    /** Returns the store of the window's settings: in {@code --config-dir}, or else in the user's settings folder. */
    SettingsStore settingsStore() {
        return new SettingsStore(configDir != null ? configDir : ConfigDirectory.ofThisUser());
    }

    /**
     * Returns the window's v2 option. Missing keys or an unreadable machine id leave the window
     * usable with v1, so they make the option unavailable instead of stopping the program.
     *
     * @throws ParameterException if a key set, secret or id given by the user is unusable
     */
    private ProtocolOption v2Option() {
        try {
            Optional<TrustedKeys> keys = setup.trustedKeys(v2Options.trustedKeysFile());
            if (keys.isEmpty()) {
                return ProtocolOption.unavailable(Protocol.V2, TrustedKeysSource.missingKeysWindowMessage());
            }
            V2Settings settings = setup.v2(v2Options, keys.get());
            windowSettings = settings;
            return ProtocolOption.available(Protocol.V2, ClientFactories.v2(settings, V2Client.DEFAULT_TIMEOUT),
                    settings.statusText());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (MachineIdUnavailableException e) {
            return ProtocolOption.unavailable(Protocol.V2, ClientSetup.machineIdMessage(e));
        }
    }

    /**
     * Returns the factory of the window's license pane, or null when protocol v2 cannot run, since
     * the stored license is checked with v2's pinned keys and machine fingerprint.
     *
     * @throws ParameterException if the data directory or the product id cannot hold a license file
     */
    Function<ActivationViewModel, LicenseViewModel> licenseViews() {
        if (windowSettings == null) {
            return null;
        }
        V2Settings settings = windowSettings;
        OnlineLicense online;
        try {
            online = new OnlineLicense(setup.storedLicense(dataDir, settings, v2Options.productId()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return model -> new LicenseViewModel(online, () -> {
            try {
                return settings.client(ServerUrl.parse(model.serverUrlProperty().get()), V2Client.DEFAULT_TIMEOUT);
            } catch (InvalidServerUrlException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, model.productKeyProperty(), ActivationViewModel.daemonThreads());
    }

    /** Returns the window's v1 option; an unusable secret file or variable is a usage error. */
    private ProtocolOption v1Option() {
        ConfiguredSecret secret;
        try {
            secret = setup.v1Secret(v1Options.secretFile());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return ProtocolOption.available(Protocol.V1, ClientFactories.v1(secret.secret(), V1Client.DEFAULT_TIMEOUT),
                secret.statusText());
    }

    /** Returns the protocol given before the subcommand, if one was. */
    Optional<Protocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** Returns the data directory given before the subcommand, or null if none was. */
    Path dataDir() {
        return dataDir;
    }

    /** Returns the v1 options given before the subcommand. */
    V1Options v1Options() {
        return v1Options;
    }

    /** Returns the v2 options given before the subcommand. */
    V2Options v2Options() {
        return v2Options;
    }

    /** Returns the tamper demonstration options given before the subcommand. */
    TamperOptions tamperOptions() {
        return tamperOptions;
    }

    /** Returns where the clients' secrets, keys and machine id come from. */
    ClientSetup setup() {
        return setup;
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
