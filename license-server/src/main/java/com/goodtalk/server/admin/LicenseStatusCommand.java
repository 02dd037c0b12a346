package com.goodtalk.server.admin;

import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The commands that change a license's status: {@code suspend}, {@code reinstate} and
 * {@code revoke}. Each prints the status before and after.
 */
abstract class LicenseStatusCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "License id, from 'licenses list'.")
    long licenseId;

    @Mixin
    ActorOption actorOption;

    LicenseStatusCommand(AdminContext context) {
        super(context);
    }

    /** Applies the change and returns the changed license. */
    abstract License change(LicenseStore store, long id, String actor);

    /** Returns the past-tense verb for the output, such as {@code Suspended}. */
    abstract String verb();

    @Override
    final int run(LicenseStore store) {
        License before = store.show(licenseId);
        License after = change(store, licenseId, actorOption.resolve(context.environment()));
        out().println(verb() + " license " + after.id() + " (" + after.maskedKey() + ", " + after.product().code()
                + " " + after.edition() + "): status " + before.status().code() + " -> " + after.status().code()
                + ".");
        return ExitCode.OK;
    }

    @Command(name = "suspend", sortOptions = false, description = {"Suspends an active license.",
        "Its machines keep their seats but cannot activate or validate until it is reinstated."},
            exitCodeListHeading = ExitCode.HEADING,
            exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, "65:no license has this id, or it is not active",
                ExitCode.IO_ERROR_LINE})
    static final class Suspend extends LicenseStatusCommand {
        Suspend(AdminContext context) {
            super(context);
        }

        @Override
        License change(LicenseStore store, long id, String actor) {
            return store.suspend(id, actor);
        }

        @Override
        String verb() {
            return "Suspended";
        }
    }

    @Command(name = "reinstate", sortOptions = false, description = "Makes a suspended license active again.",
            exitCodeListHeading = ExitCode.HEADING,
            exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE,
                "65:no license has this id, or it is not suspended", ExitCode.IO_ERROR_LINE})
    static final class Reinstate extends LicenseStatusCommand {
        Reinstate(AdminContext context) {
            super(context);
        }

        @Override
        License change(LicenseStore store, long id, String actor) {
            return store.reinstate(id, actor);
        }

        @Override
        String verb() {
            return "Reinstated";
        }
    }

    @Command(name = "revoke", sortOptions = false, description = {"Revokes a license for good.", "No command makes it usable again."},
            exitCodeListHeading = ExitCode.HEADING,
            exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE,
                "65:no license has this id, or it is already revoked", ExitCode.IO_ERROR_LINE})
    static final class Revoke extends LicenseStatusCommand {
        Revoke(AdminContext context) {
            super(context);
        }

        @Override
        License change(LicenseStore store, long id, String actor) {
            return store.revoke(id, actor);
        }

        @Override
        String verb() {
            return "Revoked";
        }
    }
}
