package com.goodtalk.desktop;

import com.goodtalk.protocol.client.ActivationClient;
import com.goodtalk.protocol.client.VerificationTrace;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code activate} subcommand: one activation without a window, reported as text or JSON. */
@Command(name = "activate", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE,
        description = "Activates a product key without opening a window, prints the verification trace"
                + " and exits with a code that tells the result.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the key is activated and the reply verified",
            "1:the server rejected the key or the request",
            "2:a check of the reply failed (tampered or replayed reply)",
            "3:the server could not be reached or answered an HTTP error",
            "64:usage error (unknown option, bad URL, blank key, unreadable secret file)"})
final class ActivateCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The license server's base URL, such as " + ServerUrl.EXAMPLE + ".")
    private String server;

    @Option(names = "--json", description = "Print the trace as JSON instead of text.")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the server, in whole seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "A file that contains the v1 secret; line breaks at its end are ignored. Without it"
                    + " the secret comes from "
                    + SecretSource.ENV_VARIABLE + ", or else the public demo secret is used with a warning.")
    private Path secretFile;

    @Parameters(paramLabel = "KEY", description = "The product key; surrounding whitespace is ignored.")
    private String key;

    @Override
    public Integer call() {
        URI serverUri;
        try {
            serverUri = ServerUrl.parse(server);
        } catch (InvalidServerUrlException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (key.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "The product key is blank. Pass the key printed on your license as the last argument.");
        }
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(),
                    "--timeout must be a positive number of seconds, got " + timeoutSeconds + ".");
        }
        ConfiguredSecret secret = main.resolveSecret(secretFile, spec.commandLine());

        ActivationClient client = ClientFactories.v1(secret.secret(), Duration.ofSeconds(timeoutSeconds))
                .forServer(serverUri);
        VerificationTrace trace = client.activate(key);

        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? trace.toJson() + "\n" : TraceTextRenderer.render(trace));
        out.flush();
        return ExitCode.of(trace.verdict());
    }
}
