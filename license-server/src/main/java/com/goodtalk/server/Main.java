package com.goodtalk.server;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.admin.AdminCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line of the license server.
 *
 * <p>Once the server listens, it prints one line to stdout, {@code listening on http://HOST:PORT},
 * so a script can read the real port. Logs go to stderr. The server runs until the process is
 * stopped with SIGTERM or Ctrl-C, and then closes cleanly.
 */
@Command(
        name = "license-server",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {
            "Serves the GoodTalk v1 activation protocol: POST /authenticate and GET /health.",
            "Without --keys it runs in demo mode with the three published demo keys.",
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  " + SecretSource.ENVIRONMENT_VARIABLE + "   the v1 shared secret as text, instead of --secret-file",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped normally, or help shown",
            "64:invalid option or environment, such as --keys without a secret",
            "65:a keys or secret file has no usable content",
            "66:a keys or secret file is missing or unreadable",
            "69:cannot listen on the address and port",
            "70:unexpected internal error",
        })
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 6, description = "Show this help and exit.")
    private boolean helpRequested;

    private int port = 8080;

    @Option(names = "--bind", paramLabel = "HOST", order = 2, defaultValue = ServerConfig.DEFAULT_BIND_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, reachable from this machine only)."
                    + " Use 0.0.0.0 to listen on every interface.")
    private String bindHost;

    @Option(names = "--keys", paramLabel = "FILE", order = 3,
            description = "UTF-8 file of accepted product keys, one per line; blank lines and lines starting"
                    + " with # are skipped. Without it the server runs in demo mode with the published demo keys.")
    private Path keysFile;

    @Option(names = "--secret-file", paramLabel = "FILE", order = 4,
            description = "File whose content is the v1 shared secret; a trailing newline is removed."
                    + " The alternative is the environment variable " + SecretSource.ENVIRONMENT_VARIABLE + "."
                    + " Required with --keys.")
    private Path secretFile;

    @Option(names = "--accept-version", paramLabel = "V", order = 5,
            description = "Client version to accept; repeat the option to accept several (default: "
                    + V1Protocol.REFERENCE_CLIENT_VERSION + "). Other versions get version_not_allowed.")
    private List<String> acceptedVersions = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Consumer<LicenseServer> runUntilStopped;

    private Main(PrintStream out, PrintStream err, Map<String, String> environment,
                 Consumer<LicenseServer> runUntilStopped) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.runUntilStopped = runUntilStopped;
    }

    /** Starts the server from the command line and runs it until SIGTERM or Ctrl-C. */
    public static void main(String[] args) {
        int exitCode = execute(args, System.out, System.err, System.getenv(), Main::runUntilShutdownSignal);
        if (exitCode != ExitCodes.OK) {
            System.exit(exitCode);
        }
    }

    /**
     * Parses {@code args}, starts the server, hands it to {@code runUntilStopped} and returns the
     * exit code. Tests pass a {@code runUntilStopped} that closes the server at once.
     */
    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
                       Consumer<LicenseServer> runUntilStopped) {
        CommandLine commandLine = new CommandLine(new Main(out, err, environment, runUntilStopped));
        AdminCommands.register(commandLine, out, err, environment);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler(Main::reportUsageError);
        return commandLine.execute(args);
    }

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", order = 1,
            description = "TCP port to listen on, 0 to 65535 (default: ${DEFAULT-VALUE})."
                    + " 0 picks a free port; the listening line shows which one.")
    private void setPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port
                    + " is not between 0 and 65535. Use 0 to let the system pick a free port.");
        }
        this.port = port;
    }

    /** Prints a usage error in two lines instead of the whole help, which would bury the message. */
    private static int reportUsageError(ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        err.println("license-server: " + error.getMessage());
        err.println("Run license-server --help to see the options.");
        return ExitCodes.USAGE;
    }

    @Override
    public Integer call() {
        ServerConfig config;
        try {
            config = buildConfig();
        } catch (StartupException e) {
            err.println("license-server: " + e.getMessage());
            return e.exitCode();
        }

        LicenseServer server;
        try {
            server = LicenseServer.start(config);
        } catch (IllegalStateException e) {
            err.println("license-server: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        out.println("listening on " + server.baseUri());
        out.flush();
        runUntilStopped.accept(server);
        return ExitCodes.OK;
    }

    private ServerConfig buildConfig() throws StartupException {
        boolean demoMode = keysFile == null;
        Optional<Secret> secret = SecretSource.find(secretFile, environment);
        ServerConfig.Builder builder = ServerConfig.builder()
                .bindHost(bindHost)
                .port(port)
                .demoMode(demoMode);
        if (!acceptedVersions.isEmpty()) {
            builder.acceptedVersions(acceptedVersions);
        }

        if (demoMode) {
            LOG.warn("No --keys file given: running in demo mode with the {} published demo keys, which anyone can"
                    + " use. Start with --keys FILE to accept your own keys.", DemoKeys.KEYS.size());
        } else {
            builder.productKeys(readKeys(keysFile));
        }

        if (secret.isPresent()) {
            builder.v1Secret(secret.get());
            if (secret.get().isProofOfConceptDemo()) {
                LOG.warn("INSECURE: the configured v1 secret is the public proof-of-concept secret. Anyone can sign"
                        + " requests and forge replies with it. Use a random secret of your own.");
            }
        } else if (demoMode) {
            LOG.warn("INSECURE: no v1 secret given, so the server uses the public proof-of-concept secret. Anyone"
                    + " can sign requests and forge replies with it. Set {} or --secret-file for real use.",
                    SecretSource.ENVIRONMENT_VARIABLE);
        } else {
            throw new StartupException(ExitCodes.USAGE, "--keys needs a v1 shared secret, but none is set. Set the"
                    + " environment variable " + SecretSource.ENVIRONMENT_VARIABLE + " or give --secret-file FILE.");
        }
        return builder.build();
    }

    private static List<String> readKeys(Path file) throws StartupException {
        try {
            return ProductKeyFile.read(file);
        } catch (IOException e) {
            throw new StartupException(ExitCodes.NO_INPUT, "Cannot read the keys file " + file + ": "
                    + e.getClass().getSimpleName() + ". Check the path given to --keys, its permissions, and that"
                    + " it is UTF-8 text.");
        } catch (ProductKeyFile.InvalidKeyFileException e) {
            throw new StartupException(ExitCodes.DATA_ERROR, e.getMessage());
        }
    }

    /** Closes the server when the JVM shuts down, and blocks until then. */
    private static void runUntilShutdownSignal(LicenseServer server) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutdown signal received; stopping the license server");
            server.close();
            stopped.countDown();
        }, "license-server-shutdown"));
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
