package com.goodtalk.desktop;

import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Command;

/** The {@code deactivate} subcommand: frees this machine's seat on a key or the stored license (v2 only). */
@Command(name = "deactivate", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE,
        description = "Frees this machine's seat on the product key, prints the verification trace and exits"
                + " with a code that tells the result. Without KEY it sends the stored license certificate from"
                + " --data-dir instead, which must pass the offline check. Needs protocol v2.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the seat is freed and the reply verified",
            "1:the server rejected the key or the request",
            "2:a check of the reply failed (tampered, replayed or unsigned reply)",
            "3:the server could not be reached or answered an HTTP error",
            "64:usage error (unknown option, bad URL, blank key, --protocol v1, no pinned keys, no KEY and no"
                + " usable stored certificate)",
            "72:this machine's identifier could not be read, so there is no machine fingerprint to send"})
final class DeactivateCommand extends ExchangeCommand {

    /** Returns false: a second deactivation would free the seat before the demonstrated one. */
    @Override
    boolean recordingIsHarmless() {
        return false;
    }

    @Override
    VerificationTrace exchange(Protocol protocol, URI server, String key, Duration timeout) {
        if (protocol != Protocol.V2) {
            throw v2OnlyError();
        }
        return v2Client(server, timeout).deactivate(key);
    }

    @Override
    VerificationTrace exchangeWithStoredCertificate(Protocol protocol, URI server, Duration timeout) {
        if (protocol != Protocol.V2) {
            throw v2OnlyError();
        }
        V2Client client = v2Client(server, timeout);
        return client.deactivate(storedCertificateForRequest());
    }
}
