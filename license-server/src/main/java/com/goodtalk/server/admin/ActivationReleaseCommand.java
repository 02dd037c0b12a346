package com.goodtalk.server.admin;

import com.goodtalk.server.store.Activation;
import com.goodtalk.server.store.LicenseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code activations release}: frees the seat of a machine that cannot deactivate itself. */
@Command(name = "release", sortOptions = false,
        description = {"Frees a machine's seat.",
            "For a machine that is lost or cannot deactivate itself. The machine can activate again later if a seat"
                    + " is free."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE,
            "65:no activation has this id, or its seat was already given back", ExitCode.IO_ERROR_LINE})
final class ActivationReleaseCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ACTIVATION_ID", description = "Activation id, from 'activations list'.")
    long activationId;

    @Mixin
    ActorOption actorOption;

    ActivationReleaseCommand(AdminContext context) {
        super(context);
    }

    @Override
    int run(LicenseStore store) {
        Activation released = store.release(activationId, actorOption.resolve(context.environment()));
        out().println("Released activation " + released.id() + ": machine " + TextTable.printable(released.machine())
                + " no longer holds a seat on license " + released.licenseId() + ".");
        return ExitCode.OK;
    }
}
