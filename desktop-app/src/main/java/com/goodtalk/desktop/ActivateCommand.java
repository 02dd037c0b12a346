package com.goodtalk.desktop;

import com.goodtalk.protocol.client.VerificationTrace;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code activate} subcommand: one activation without a window, with v2 or v1, reported as text or JSON. */
@Command(name = "activate", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE,
        description = "Activates a product key on this machine without opening a window, prints the verification"
                + " trace and exits with a code that tells the result.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the key is activated and the reply verified",
            "1:the server rejected the key or the request",
            "2:a check of the reply failed (tampered, replayed or unsigned reply)",
            "3:the server could not be reached or answered an HTTP error",
            "64:usage error (unknown option, bad URL, blank key, unusable secret or key set, no pinned keys for v2)",
            "72:this machine's identifier could not be read, so v2 has no machine fingerprint to send"})
final class ActivateCommand extends ExchangeCommand {

    @Mixin
    private V1Options v1Options;

    @Override
    VerificationTrace exchange(Protocol protocol, URI server, String key, Duration timeout) {
        return switch (protocol) {
            case V1 -> {
                ConfiguredSecret secret;
                try {
                    secret = main().setup().v1Secret(v1Options.fallBackTo(main().v1Options()).secretFile());
                } catch (IllegalArgumentException e) {
                    throw usageError(e.getMessage());
                }
                yield ClientFactories.v1(secret.secret(), timeout).forServer(server).activate(key);
            }
            case V2 -> v2Client(server, timeout).activate(key);
        };
    }
}
