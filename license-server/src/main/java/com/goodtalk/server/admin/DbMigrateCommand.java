package com.goodtalk.server.admin;

import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.SchemaMigration;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code db migrate}: brings the schema up to date and prints the schema history. */
@Command(name = "migrate", sortOptions = false,
        description = {"Brings the database schema up to date and prints its history.",
            "Creates the database if needed. Servers migrate on start too; run this after restoring an old"
                    + " backup."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, "74:the database failed or a migration failed"})
final class DbMigrateCommand extends StoreCommand {

    DbMigrateCommand(AdminContext context) {
        super(context);
    }

    @Override
    boolean createsDatabase() {
        return true;
    }

    @Override
    int run(LicenseStore store) {
        // Opening the store has already migrated; this call catches what another process left pending.
        store.migrate();
        List<SchemaMigration> history = store.migrationHistory();
        List<SchemaMigration> appliedNow = history.stream().filter(SchemaMigration::appliedByThisStore).toList();
        String current = history.isEmpty() ? "none" : history.get(history.size() - 1).version();

        if (appliedNow.isEmpty()) {
            out().println("The schema of the " + storeOptions.describe() + " is current at version " + current
                    + "; no migration was needed.");
        } else {
            out().println("Applied " + appliedNow.size() + (appliedNow.size() == 1 ? " migration" : " migrations")
                    + " to the " + storeOptions.describe() + ": " + appliedNow.stream()
                            .map(migration -> "version " + migration.version() + " (" + migration.description() + ")")
                            .collect(Collectors.joining(", ")) + ". The schema is now at version " + current + ".");
        }
        TextTable table = new TextTable("VERSION", "DESCRIPTION", "INSTALLED", "STATE");
        for (SchemaMigration migration : history) {
            table.addRow(migration.version(), migration.description(), migration.installedAt(),
                    !migration.succeeded() ? "failed" : migration.appliedByThisStore() ? "applied now" : "applied");
        }
        table.print(out());
        return ExitCode.OK;
    }
}
