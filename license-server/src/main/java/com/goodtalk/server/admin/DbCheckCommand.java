package com.goodtalk.server.admin;

import com.goodtalk.server.store.IntegrityReport;
import com.goodtalk.server.store.LicenseStore;
import picocli.CommandLine.Command;

/** {@code db check}: the SQLite integrity check. */
@Command(name = "check", sortOptions = false,
        description = {"Checks the SQLite database file for corruption.", "For PostgreSQL use pg_amcheck."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:no problem found", "64:the database is PostgreSQL", "65:the check found problems",
            ExitCode.IO_ERROR_LINE})
final class DbCheckCommand extends StoreCommand {

    DbCheckCommand(AdminContext context) {
        super(context);
    }

    @Override
    int run(LicenseStore store) {
        IntegrityReport report = store.integrityCheck();
        if (report.isOk()) {
            out().println("The integrity check of the " + storeOptions.describe() + " found no problem.");
            return ExitCode.OK;
        }
        out().println("The integrity check of the " + storeOptions.describe() + " found " + report.problems().size()
                + (report.problems().size() == 1 ? " problem:" : " problems:"));
        report.problems().forEach(problem -> out().println("  " + TextTable.printable(problem)));
        out().println("Restore the latest backup (see 'db backup'), or stop the servers and repair the file with"
                + " the sqlite3 '.recover' command.");
        return ExitCode.DATA_ERROR;
    }
}
