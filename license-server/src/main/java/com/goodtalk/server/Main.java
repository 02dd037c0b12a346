package com.goodtalk.server;

import com.goodtalk.server.admin.KeyPepper;
import java.time.Clock;
import com.goodtalk.server.license.StoreLicenseService;
import com.goodtalk.server.store.StoreException;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.admin.StoreOptions;
import picocli.CommandLine.Mixin;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.admin.AdminCommands;
import com.goodtalk.server.http.ClientAddress;
import com.goodtalk.server.keys.JwksFiles;
import com.goodtalk.server.keys.SigningKeyStore;
import com.goodtalk.server.keys.SigningKeyStoreException;
import com.goodtalk.server.keys.SigningKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
 * The command line of the license server: serving without a subcommand, and the {@code keys}
 * subcommands ({@link KeysCommand}) that manage the reply signing keys.
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
        subcommands = KeysCommand.class,
        description = {
            "Serves the GoodTalk activation protocols: v2 at POST /v2/activate, /v2/validate and"
                    + " /v2/deactivate with the key set at GET /v2/keys; v1 at POST /authenticate unless --no-v1;"
                    + " and GET /health.",
            "Licenses, seats and seen request ids live in the license store: SQLite in the data directory, or"
                    + " PostgreSQL with --db-url. Several instances may share one PostgreSQL database if they share"
                    + " the key pepper (" + KeyPepper.ENVIRONMENT_VARIABLE + " or --key-pepper-file).",
            "Without --keys or --production it runs in demo mode and puts the three published demo keys into"
                    + " the store. With --keys or --production, v2 needs a client secret and a signing key in the"
                    + " data directory, which this command creates: license-server keys generate. With neither of"
                    + " the two it serves v1 only.",
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  " + SecretSource.ENVIRONMENT_VARIABLE + "          v1 shared secret, instead of --secret-file",
            "  " + SecretSource.V2_CLIENT_ENVIRONMENT_VARIABLE + "   v2 client secret, instead of --client-secret-file",
            "  " + StoreOptions.PASSWORD_VARIABLE + "        PostgreSQL password for --db-url",
            "  " + KeyPepper.ENVIRONMENT_VARIABLE + "         key pepper, instead of --key-pepper-file",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped normally, or help shown",
            "64:invalid option or environment, such as --keys without a secret or without a signing key",
            "65:a keys, secret or signing key file has no usable content",
            "66:a keys, secret or signing key file is missing, unreadable, or open to other users",
            "69:cannot listen on the address and port",
            "70:unexpected internal error",
            "73:cannot write the --jwks-out file",
            "74:cannot open, migrate or write the license database, or read the key pepper file",
        })
public final class Main implements Callable<Integer> {

    /** The data directory when {@code --data-dir} is not given, relative to the working directory. */
    static final String DEFAULT_DATA_DIR = "./goodtalk-data";

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 20, description = "Show this help and exit.")
    private boolean helpRequested;

    private int port = 8080;

    @Option(names = "--bind", paramLabel = "HOST", order = 2, defaultValue = ServerConfig.DEFAULT_BIND_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, reachable from this machine only)."
                    + " Use 0.0.0.0 to listen on every interface.")
    private String bindHost;

    @Option(names = "--keys", paramLabel = "FILE", order = 3,
            description = "UTF-8 file of accepted product keys, one per line; blank lines and lines starting"
                    + " with # are skipped. The keys are put into the license store at start (product default)."
                    + " Without it and without --production the server runs in demo mode with the published demo keys.")
    private Path keysFile;

    @Option(names = "--secret-file", paramLabel = "FILE", order = 4,
            description = "File whose content is the v1 shared secret; a trailing newline is removed."
                    + " The alternative is the environment variable " + SecretSource.ENVIRONMENT_VARIABLE + "."
                    + " Required with --keys or --production unless --no-v1.")
    private Path secretFile;

    @Option(names = "--accept-version", paramLabel = "V", order = 5,
            description = "Client version to accept; repeat the option to accept several (default: "
                    + V1Protocol.REFERENCE_CLIENT_VERSION + "). Other versions get version_not_allowed.")
    private List<String> acceptedVersions = new ArrayList<>();

    @Option(names = "--no-v1", order = 6, description = "Turn off v1 POST /authenticate, which then returns 404"
            + " (default: v1 on). Without v1, --keys needs no v1 secret.")
    private boolean v1Disabled;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--production", order = 7,
            description = "Production mode without --keys: import no keys at start and serve the licenses in the"
                    + " store, which the licenses subcommands manage. Needs a signing key, and a v1 secret"
                    + " unless --no-v1.")
    private boolean production;

    private Duration revalidateAfter = StoreLicenseService.DEFAULT_REVALIDATE_AFTER;

    private int rateLimitPerMinute = ServerConfig.DEFAULT_RATE_LIMIT_PER_MINUTE;

    /** The name given to --client-address-header, or null for the TCP peer address. */
    private String clientAddressHeader;

    private ClientAddress clientAddress = ClientAddress.socket();

    @Option(names = "--client-key-id", paramLabel = "ID", order = 8,
            defaultValue = ServerConfig.DEFAULT_CLIENT_KEY_ID,
            description = "Client key id that v2 requests name in their kid header, for the v2 client secret;"
                    + " 1 to 128 printable ASCII characters without spaces (default: ${DEFAULT-VALUE}).")
    private String clientKeyId;

    @Option(names = "--client-secret-file", paramLabel = "FILE", order = 9,
            description = "File whose content is the v2 client secret; a trailing newline is removed. The"
                    + " alternative is the environment variable " + SecretSource.V2_CLIENT_ENVIRONMENT_VARIABLE
                    + ". Required with --keys to serve v2; demo mode falls back to the public proof-of-concept"
                    + " secret.")
    private Path clientSecretFile;

    private Duration skew = Duration.ofSeconds(300);

    private int replayCacheSize = ServerConfig.DEFAULT_REPLAY_CACHE_SIZE;

    private int seats = ServerConfig.DEFAULT_SEATS_PER_KEY;

    @Option(names = "--jwks-out", paramLabel = "FILE", order = 13,
            description = "At start, write the key set that GET /v2/keys serves to FILE, replacing it"
                    + " (default: not written). Clients pin this file.")
    private Path jwksOut;

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
        // A kid is base64url, so about one in 64 starts with '-'; picocli would read that as an unknown option.
        commandLine.getSubcommands().get("keys").getSubcommands().get("retire")
                .setUnmatchedOptionsArePositionalParams(true);
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

    @Option(names = "--skew", paramLabel = "SECONDS", defaultValue = "300", order = 10,
            description = "Clock difference allowed either way between a v2 request's iat and the server's"
                    + " clock, in seconds, 1 to 3600 (default: ${DEFAULT-VALUE}). Replay caches keep each v2"
                    + " request id until iat plus this, and each v1 request this long after receipt.")
    private void setSkew(long seconds) {
        if (seconds < 1 || seconds > 3600) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--skew': " + seconds
                    + " is not between 1 and 3600 seconds. The default is 300.");
        }
        this.skew = Duration.ofSeconds(seconds);
    }

    @Option(names = "--replay-cache-size", paramLabel = "N", defaultValue = "200000", order = 11,
            description = "Maximum number of request ids that each replay cache (v1 and v2) keeps, at least 1"
                    + " (default: ${DEFAULT-VALUE}). When a cache is full, new requests are rejected with"
                    + " rate_limited until entries expire, so size it for the requests of one --skew window.")
    private void setReplayCacheSize(int size) {
        if (size < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--replay-cache-size': "
                    + size + " is below 1. The default is " + ServerConfig.DEFAULT_REPLAY_CACHE_SIZE + ".");
        }
        this.replayCacheSize = size;
    }

    @Option(names = "--seats", paramLabel = "N", defaultValue = "3", order = 12,
            description = "Machines that each product key from --keys or the demo keys may be activated on at"
                    + " once, at least 1 (default: ${DEFAULT-VALUE}). Applies when a key is first put into the"
                    + " license store; seats are kept in the store.")
    private void setSeats(int seats) {
        if (seats < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--seats': " + seats
                    + " is below 1. The default is " + ServerConfig.DEFAULT_SEATS_PER_KEY + ".");
        }
        this.seats = seats;
    }

    @Option(names = "--revalidate-after", paramLabel = "DAYS", defaultValue = "7", order = 14,
            description = "Days that the offline license certificate in activated and valid replies lets a client"
                    + " run before it must validate online again, 1 to 366 (default: ${DEFAULT-VALUE}).")
    private void setRevalidateAfter(long days) {
        if (days < 1 || days > 366) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--revalidate-after': " + days
                    + " is not between 1 and 366 days. The default is 7.");
        }
        this.revalidateAfter = Duration.ofDays(days);
    }

    @Option(names = "--rate-limit", paramLabel = "PER_MINUTE", order = 15,
            defaultValue = "" + ServerConfig.DEFAULT_RATE_LIMIT_PER_MINUTE,
            description = "Protocol requests (v1 and v2 together) that one client address may send per minute,"
                    + " and at once; 0 turns the limit off (default: ${DEFAULT-VALUE}). Over it, v1 gets"
                    + " rate_limited and v2 a signed rate_limited with HTTP 429, both with Retry-After.")
    private void setRateLimit(int perMinute) {
        if (perMinute < 0 || perMinute > ServerConfig.MAX_RATE_LIMIT_PER_MINUTE) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--rate-limit': " + perMinute
                    + " is not between 0 and " + ServerConfig.MAX_RATE_LIMIT_PER_MINUTE + " requests per minute."
                    + " Use 0 to turn the limit off; the default is " + ServerConfig.DEFAULT_RATE_LIMIT_PER_MINUTE
                    + ".");
        }
        this.rateLimitPerMinute = perMinute;
    }

    @Option(names = "--client-address-header", paramLabel = "NAME", order = 16,
            description = "Header that a reverse proxy in front of this server sets to the client's address, such"
                    + " as X-Real-IP; the rate limit counts by its last comma-separated entry (default: none, the"
                    + " TCP peer address). Set it only if every request passes through that proxy, because a"
                    + " client can write anything into the header. X-Forwarded-For is never read unless named here.")
    private void setClientAddressHeader(String headerName) {
        try {
            this.clientAddress = ClientAddress.trustedHeader(headerName);
            this.clientAddressHeader = headerName;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--client-address-header': "
                    + e.getMessage());
        }
    }

    /** Prints a usage error in two lines instead of the whole help, which would bury the message. */
    private static int reportUsageError(ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        String command = error.getCommandLine().getCommandSpec().qualifiedName();
        err.println("license-server: " + error.getMessage());
        err.println("Run " + command + " --help to see the options.");
        return ExitCodes.USAGE;
    }

    @Override
    public Integer call() {
        if (clientAddressHeader != null && rateLimitPerMinute == 0) {
            err.println("license-server: --client-address-header " + clientAddressHeader + " has no effect with"
                    + " --rate-limit 0, because only the rate limit reads the client address. Leave out one of them.");
            return ExitCodes.USAGE;
        }
        LicenseStore store;
        try {
            store = openStore();
        } catch (StartupException e) {
            err.println("license-server: " + e.getMessage());
            return e.exitCode();
        }
        try (store) {
            return serve(store);
        }
    }

    private LicenseStore openStore() throws StartupException {
        LicenseStore store;
        try {
            store = storeOptions.openForServer(environment, Clock.systemUTC(), err);
        } catch (IllegalArgumentException e) {
            throw new StartupException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new StartupException(ExitCodes.IO_ERROR, e.getMessage());
        } catch (StoreException e) {
            throw new StartupException(ExitCodes.IO_ERROR, e.getMessage());
        }
        LOG.info("License store: {}", storeOptions.describe());
        return store;
    }

    private int serve(LicenseStore store) {
        ServerConfig config;
        try {
            config = buildConfig(store);
        } catch (StartupException e) {
            err.println("license-server: " + e.getMessage());
            return e.exitCode();
        }

        if (jwksOut != null) {
            if (!config.v2Enabled()) {
                err.println("license-server: --jwks-out needs v2, which is off without a v2 client secret and a"
                        + " signing key. Configure both, or leave out --jwks-out.");
                return ExitCodes.USAGE;
            }
            try {
                JwksFiles.write(jwksOut, config.signingKeys().jwks());
            } catch (SigningKeyStoreException e) {
                err.println("license-server: " + e.getMessage());
                return KeysCommand.exitCode(e.reason());
            }
            LOG.info("Wrote the published key set, kids {}, to {}", String.join(", ", config.signingKeys().keyIds()),
                    jwksOut);
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

    private ServerConfig buildConfig(LicenseStore store) throws StartupException {
        boolean demoMode = keysFile == null && !production;
        ServerConfig.Builder builder = ServerConfig.builder()
                .bindHost(bindHost)
                .port(port)
                .demoMode(demoMode)
                .licenseStore(store)
                .revalidateAfter(revalidateAfter)
                .skew(skew)
                .replayCacheSize(replayCacheSize)
                .rateLimitPerMinute(rateLimitPerMinute)
                .clientAddress(clientAddress)
                .v1Enabled(!v1Disabled);
        if (!acceptedVersions.isEmpty()) {
            builder.acceptedVersions(acceptedVersions);
        }

        try {
            if (demoMode) {
                int imported = StartupKeys.importDemoKeys(store, seats);
                LOG.warn("No --keys file and no --production given: running in demo mode with the {} published demo"
                        + " keys ({} new to the store), which anyone can use. Start with --production or --keys"
                        + " FILE to accept your own keys.", DemoKeys.KEYS.size(), imported);
            } else if (keysFile != null) {
                List<String> keys = readKeys(keysFile);
                int imported = StartupKeys.importKeyFile(store, keys, seats);
                LOG.info("Read {} keys from {}: {} new to the license store, {} there already", keys.size(),
                        keysFile, imported, keys.size() - imported);
            }
        } catch (IllegalArgumentException e) {
            throw new StartupException(ExitCodes.DATA_ERROR, e.getMessage());
        } catch (StoreException e) {
            throw new StartupException(ExitCodes.IO_ERROR, e.getMessage());
        }
        if (v1Disabled) {
            LOG.info("v1 is off (--no-v1): POST {} answers 404", V1Protocol.AUTHENTICATE_PATH);
        } else {
            configureV1Secret(builder, demoMode);
        }
        configureV2(builder, demoMode);
        try {
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private void configureV1Secret(ServerConfig.Builder builder, boolean demoMode) throws StartupException {
        Optional<Secret> secret = SecretSource.find(secretFile, environment);
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
            throw new StartupException(ExitCodes.USAGE, productionOption()
                    + " needs a v1 shared secret, but none is set. Set the environment variable "
                    + SecretSource.ENVIRONMENT_VARIABLE + " or give --secret-file FILE, or turn v1 off with --no-v1.");
        }
    }

    /**
     * Sets the v2 client key and signing keys. In production mode with neither a v2 client secret
     * nor a signing key, the server serves v1 only, as it did before v2. So an upgraded server
     * still starts with an unchanged v1 setup. One of the two without the other is an error.
     */
    private void configureV2(ServerConfig.Builder builder, boolean demoMode) throws StartupException {
        Optional<Secret> secret = SecretSource.findV2Client(clientSecretFile, environment);
        Path dataDir = storeOptions.dataDirectory();
        SigningKeyStore store = new SigningKeyStore(dataDir);
        Optional<SigningKeys> keys;
        try {
            keys = store.load();
        } catch (SigningKeyStoreException e) {
            throw new StartupException(KeysCommand.exitCode(e.reason()), e.getMessage());
        }

        if (!demoMode && secret.isEmpty() && keys.isEmpty()) {
            if (v1Disabled) {
                throw new StartupException(ExitCodes.USAGE, "--no-v1 leaves only v2, but v2 needs a client secret"
                        + " and a signing key, and neither is set. Set " + SecretSource.V2_CLIENT_ENVIRONMENT_VARIABLE
                        + " or give --client-secret-file FILE, and create a signing key with: "
                        + store.generateCommand());
            }
            LOG.info("v2 is off: production mode without a v2 client secret and without a signing key in {} serves"
                    + " v1 only. To serve v2, set {} or --client-secret-file, and create a key with: {}",
                    store.directory(), SecretSource.V2_CLIENT_ENVIRONMENT_VARIABLE, store.generateCommand());
            return;
        }

        builder.dataDir(dataDir);
        configureClientKey(builder, demoMode, secret);
        if (keys.isPresent()) {
            builder.signingKeys(keys.get());
            LOG.info("Read the reply signing keys from {}: active kid {}, {} published", store.directory(),
                    keys.get().activeKeyId(), keys.get().keyIds().size());
        } else if (!demoMode) {
            throw new StartupException(ExitCodes.USAGE, productionOption() + " with a v2 client secret needs a reply"
                    + " signing key, but " + store.directory() + " has none. Create one with: "
                    + store.generateCommand());
        }
    }

    /** Returns the option that left demo mode, for messages: {@code --keys} if given, else {@code --production}. */
    private String productionOption() {
        return keysFile != null ? "--keys" : "--production";
    }

    private void configureClientKey(ServerConfig.Builder builder, boolean demoMode, Optional<Secret> secret)
            throws StartupException {
        Secret clientSecret;
        if (secret.isPresent()) {
            clientSecret = secret.get();
            if (clientSecret.isProofOfConceptDemo()) {
                LOG.warn("INSECURE: the configured v2 client secret is the public proof-of-concept secret. Anyone"
                        + " can sign v2 requests with it. Use a random secret of your own.");
            }
        } else if (demoMode) {
            LOG.warn("INSECURE: no v2 client secret given, so client key id \"{}\" uses the public"
                    + " proof-of-concept secret. Anyone can sign v2 requests with it. Set {} or"
                    + " --client-secret-file for real use.", clientKeyId, SecretSource.V2_CLIENT_ENVIRONMENT_VARIABLE);
            clientSecret = Secret.proofOfConceptDemo();
        } else {
            throw new StartupException(ExitCodes.USAGE, productionOption() + " with a signing key in "
                    + storeOptions.dataDirectory() + " needs a v2 client secret, but none is set. Set the"
                    + " environment variable "
                    + SecretSource.V2_CLIENT_ENVIRONMENT_VARIABLE + " or give --client-secret-file FILE.");
        }
        try {
            builder.clientKey(clientKeyId, clientSecret);
        } catch (IllegalArgumentException e) {
            throw new StartupException(ExitCodes.USAGE, "Invalid value for option '--client-key-id': "
                    + e.getMessage());
        }
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
            LOG.info("Shutdown signal received, stopping the license server");
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
