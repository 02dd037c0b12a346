package com.goodtalk.server.admin;

import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code licenses extend}: moves a license's expiry later. */
@Command(name = "extend", sortOptions = false,
        description = {"Moves a license's expiry later.", "An expired license becomes usable again."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, "64:invalid argument, or the new expiry is not later",
            "65:no license has this id, or it is revoked or never expires", ExitCode.IO_ERROR_LINE})
final class LicenseExtendCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "License id, from 'licenses list'.")
    long licenseId;

    @Option(names = "--expires", required = true, paramLabel = "DATE", converter = TimeArguments.EndOfDay.class,
            description = "New expiry: an ISO date such as 2028-12-31 (the end of that day, UTC) or a time such as"
                    + " 2028-12-31T12:00:00Z.")
    Instant expiresAt;

    @Mixin
    ActorOption actorOption;

    LicenseExtendCommand(AdminContext context) {
        super(context);
    }

    @Override
    int run(LicenseStore store) {
        License before = store.show(licenseId);
        License after = store.extend(licenseId, expiresAt, actorOption.resolve(context.environment()));
        out().println("Extended license " + after.id() + " (" + after.maskedKey() + ", " + after.product().code() + " "
                + after.edition() + "): expiry " + before.expiresAt() + " -> " + after.expiresAt() + ".");
        return ExitCode.OK;
    }
}
