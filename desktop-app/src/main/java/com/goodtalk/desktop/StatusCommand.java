package com.goodtalk.desktop;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseStateText;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code status} subcommand: checks the stored license offline and prints its state. */
@Command(name = "status", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCode.USAGE,
        description = "Checks the stored license certificate without the network (pinned server keys, this"
                + " machine's fingerprint, expiry, clock rollback, re-validation grace period), prints its state"
                + " and exits with a code that tells it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:licensed (the re-validation may be due, within the grace period)",
            "2:the stored certificate fails a check (another machine, tampered, unpinned key, expired, clock set"
                + " back, grace period over)",
            "4:no license is stored for the product",
            "64:usage error (unknown option, unusable key set file or product id, no pinned keys)",
            "72:this machine's identifier could not be read, so there is no machine fingerprint to check"})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The directory of the stored license (default: the user's data directory, such as"
                    + " ~/.local/share/goodtalk on Linux).")
    private Path dataDir;

    @Mixin
    private V2Options v2Options;

    @Override
    public Integer call() {
        V2Options options = v2Options.fallBackTo(main.v2Options());
        ClientSetup setup = main.setup();
        StoredLicenseCheck check;
        try {
            TrustedKeys keys = setup.trustedKeys(options.trustedKeysFile())
                    .orElseThrow(() -> new ParameterException(spec.commandLine(),
                            TrustedKeysSource.missingKeysMessage()));
            check = setup.storedLicense(dataDir != null ? dataDir : main.dataDir(), setup.v2(options, keys),
                    options.productId());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (MachineIdUnavailableException e) {
            throw new CommandFailedException(ExitCode.NO_MACHINE_ID, ClientSetup.machineIdMessage(e), e);
        }

        LicenseState state = check.check();
        PrintWriter out = spec.commandLine().getOut();
        out.print(LicenseStateText.render(state, check.storage().certificateFile(check.productId())));
        out.flush();
        return exitCode(state);
    }

    /** Returns the exit code of {@code state}: 0 licensed, 4 nothing stored, 2 otherwise. */
    static int exitCode(LicenseState state) {
        if (state.isLicensed()) {
            return ExitCode.ACTIVATED;
        }
        return state.kind() == LicenseState.Kind.NOT_STORED ? ExitCode.NO_LICENSE_STORED : ExitCode.VERIFICATION_FAILED;
    }
}
