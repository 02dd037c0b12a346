package com.goodtalk.desktop;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.desktop.tamper.TamperDemo;
import com.goodtalk.desktop.tamper.TamperResult;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The options and the flow that {@code activate}, {@code validate} and {@code deactivate} share:
 * check the arguments, run one exchange with the server, print the trace as text or JSON, and
 * return the exit code of its verdict.
 */
abstract class ExchangeCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The license server's base URL, such as " + ServerUrl.EXAMPLE + ".")
    private String server;

    @Option(names = "--protocol", paramLabel = "v1|v2", converter = ProtocolConverter.class,
            description = "The protocol to speak (default: v2).")
    private Protocol protocol;

    @Option(names = "--json", description = "Print the trace as JSON instead of text.")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server, in whole seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The directory of the stored license, which v2 updates after the exchange (default: the"
                    + " user's data directory, such as ~/.local/share/goodtalk on Linux).")
    private Path dataDir;

    @Mixin
    private V2Options v2Options;

    @Mixin
    private TamperOptions tamperOptions;

    private V2Settings v2Settings;

    @Parameters(paramLabel = "KEY", arity = "0..1", description = "The product key; surrounding whitespace is"
            + " ignored. validate and deactivate may leave it out to send the stored license certificate instead.")
    private String key;

    /**
     * Runs the exchange and returns its trace.
     *
     * @throws ParameterException if the protocol cannot run this exchange or its settings are unusable
     */
    abstract VerificationTrace exchange(Protocol protocol, URI server, String key, Duration timeout);

    @Override
    public final Integer call() {
        URI serverUri;
        try {
            serverUri = ServerUrl.parse(server);
        } catch (InvalidServerUrlException e) {
            throw usageError(e.getMessage());
        }
        if (key != null && key.isBlank()) {
            throw usageError("The product key is blank. Pass the key printed on your license as the last argument.");
        }
        if (timeoutSeconds <= 0) {
            throw usageError("--timeout must be a positive number of seconds, got " + timeoutSeconds + ".");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Optional<TamperDemo> demo = tamperOptions.fallBackTo(main.tamperOptions()).demo();
        if (demo.isPresent() && demo.get().attack().recordsGenuineReplyFirst() && !recordingIsHarmless()) {
            throw usageError("--tamper " + demo.get().attack().word() + " first runs the exchange once untampered to"
                    + " record a genuine reply, and a real deactivation would free this machine's seat. Show the"
                    + " attack with activate or validate instead.");
        }
        VerificationTrace trace;
        TamperResult tampered = null;
        // Every exchange of a tamper demonstration, in order: the untampered one that records a genuine
        // reply changes the server's state, such as freeing the seat, so the stored license follows it too.
        List<VerificationTrace> demoTraces = new ArrayList<>();
        try {
            if (key == null) {
                if (demo.isPresent()) {
                    throw usageError("--tamper needs the product key: pass it as the last argument, or leave"
                            + " out --tamper to validate with the stored license certificate.");
                }
                trace = exchangeWithStoredCertificate(protocol(), serverUri, timeout);
            } else if (demo.isPresent()) {
                tampered = runTamperDemo(demo.get(), serverUri, key.strip(), timeout, demoTraces);
                trace = tampered.trace();
            } else {
                trace = exchange(protocol(), serverUri, key.strip(), timeout);
            }
        } catch (IllegalArgumentException e) {
            // The clients reject a key they cannot send, such as one too long for a v2 request.
            throw usageError(e.getMessage());
        }

        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? trace.toJson() + "\n" : TraceTextRenderer.render(trace));
        if (tampered != null) {
            // With --json, standard output stays one JSON document, so the summary goes to standard error.
            PrintWriter summary = json ? spec.commandLine().getErr() : out;
            summary.print(tampered.summary());
            summary.flush();
        }
        if (tampered == null) {
            updateStoredLicense(trace);
        } else {
            demoTraces.forEach(this::updateStoredLicense);
        }
        out.flush();
        return ExitCode.of(trace.verdict());
    }

    /**
     * Tells whether running this exchange once more, untampered, leaves the server as it was, so
     * that the tamper demonstration may record a genuine reply with it. Activating again from the
     * same machine takes no second seat, and validating changes nothing but the last-seen time.
     */
    boolean recordingIsHarmless() {
        return true;
    }

    /**
     * Runs the exchange through the tamper demonstration's proxy, with a timeout that leaves room for
     * a held request, and reports the proxy's progress on standard error.
     *
     * @param traces receives the trace of each exchange the demonstration runs, in order
     */
    private TamperResult runTamperDemo(TamperDemo demo, URI serverUri, String productKey, Duration timeout,
                                       List<VerificationTrace> traces) {
        PrintWriter err = spec.commandLine().getErr();
        Protocol chosen = protocol();
        return demo.run(serverUri, chosen,
                proxy -> {
                    VerificationTrace trace = exchange(chosen, proxy, productKey, demo.clientTimeout(timeout));
                    traces.add(trace);
                    return trace;
                },
                message -> {
                    err.println(message);
                    err.flush();
                });
    }

    /**
     * Runs the exchange without a product key, naming the license by the stored certificate. Only
     * {@code validate} and {@code deactivate} can; {@code activate} needs the key.
     *
     * @throws ParameterException if this subcommand needs the key or no stored certificate is usable
     */
    VerificationTrace exchangeWithStoredCertificate(Protocol protocol, URI server, Duration timeout) {
        throw usageError("Missing required parameter: 'KEY'. Pass the product key printed on your license as the last"
                + " argument.");
    }

    /**
     * Returns the stored license certificate to send in place of the product key, once it passes the
     * offline check; a certificate past its re-validate-by time counts.
     *
     * @throws ParameterException if the stored license cannot be read or no certificate is usable
     */
    final LicenseCertificate storedCertificateForRequest() {
        LicenseState stored;
        try {
            stored = storedLicense().check();
        } catch (UncheckedIOException e) {
            throw usageError("No product key given, and the stored license could not be read: " + e.getMessage());
        }
        return stored.certificate().orElseThrow(() -> usageError("No product key given, and the stored license"
                + " cannot be sent instead: " + stored.message() + " Pass the product key."));
    }

    /**
     * Returns the offline check of the stored license in {@code --data-dir}, with the settings of
     * the v2 client that {@link #v2Client} built last.
     */
    final StoredLicenseCheck storedLicense() {
        V2Options options = v2Options.fallBackTo(main.v2Options());
        return main.setup().storedLicense(dataDir != null ? dataDir : main.dataDir(), v2Settings, options.productId());
    }

    /**
     * Stores the certificate of a v2 activation or validation, or removes the stored license after a
     * deactivation or a revoked or suspended key. Standard output stays the trace alone, so that
     * scripts and {@code --json} readers see no change; a certificate that was not stored, a removal
     * because of the key's status and a storage problem are reported on standard error. None of them
     * changes the exit code, because the exchange itself ended as the trace says.
     */
    private void updateStoredLicense(VerificationTrace trace) {
        if (v2Settings == null) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            OnlineLicense online = new OnlineLicense(storedLicense());
            online.apply(trace, Optional.ofNullable(key).map(String::strip))
                    .filter(state -> !state.isLicensed() && trace.verdict().kind() != Verdict.Kind.DEACTIVATED)
                    .ifPresent(state -> err.println(state.message()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("The stored license was not updated: " + e.getMessage());
        }
        err.flush();
    }

    /** Returns the protocol given here, or else before the subcommand, or else v2. */
    final Protocol protocol() {
        if (protocol != null) {
            return protocol;
        }
        return main.protocol().orElse(Protocol.V2);
    }

    /**
     * Builds the v2 client from the options and the environment.
     *
     * @throws ParameterException      if no keys are pinned or a setting is unusable
     * @throws CommandFailedException  if this machine's identifier cannot be read
     */
    final V2Client v2Client(URI serverUri, Duration timeout) {
        ClientSetup setup = main.setup();
        V2Options options = v2Options.fallBackTo(main.v2Options());
        try {
            TrustedKeys keys = setup.trustedKeys(options.trustedKeysFile())
                    .orElseThrow(() -> usageError(TrustedKeysSource.missingKeysMessage()));
            v2Settings = setup.v2(options, keys);
            return v2Settings.client(serverUri, timeout);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        } catch (MachineIdUnavailableException e) {
            throw new CommandFailedException(ExitCode.NO_MACHINE_ID, ClientSetup.machineIdMessage(e), e);
        }
    }

    /** Returns the main command, for options given before the subcommand. */
    final Main main() {
        return main;
    }

    /** Returns the usage error for a subcommand that protocol v1 lacks. */
    final ParameterException v2OnlyError() {
        String name = spec.name();
        return usageError(name + " needs protocol v2, because v1 has no " + name + " request. Pass --protocol v2,"
                + " or leave out --protocol v1.");
    }

    /** Returns a usage error of this subcommand with {@code message}. */
    final ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
