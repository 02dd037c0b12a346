package com.goodtalk.server.admin;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.server.store.LicenseStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code db backup}: a consistent copy of the SQLite database, taken while servers keep using it.
 * With {@code --force} the copy is written next to the target and then moved over it, so a failed
 * backup never destroys the previous one.
 */
@Command(name = "backup", sortOptions = false,
        description = {
            "Copies the SQLite database to a backup file.",
            "The copy is consistent, and servers keep using the database meanwhile. The key pepper is not part of"
                    + " the copy, so keep it apart from the backups. For PostgreSQL use pg_dump.",
        },
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, "64:FILE exists without --force, or the database is PostgreSQL",
            ExitCode.IO_ERROR_LINE})
final class DbBackupCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to write.")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    DbBackupCommand(AdminContext context) {
        super(context);
    }

    @Override
    void checkArguments() {
        if (Files.exists(file) && !force) {
            throw new AdminException(ExitCode.USAGE, "The backup file " + file.toAbsolutePath() + " exists. Choose"
                    + " a new file name, or give --force to replace it.");
        }
        if (Files.isDirectory(file)) {
            throw new AdminException(ExitCode.USAGE, file.toAbsolutePath() + " is a directory. Give the path of"
                    + " the backup file to write.");
        }
    }

    @Override
    int run(LicenseStore store) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            Path partial = target.resolveSibling("." + target.getFileName() + "." + Nonces.randomUrlSafe(6)
                    + ".partial");
            try {
                store.backup(partial);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } else {
            store.backup(target);
        }
        out().println("Backed up the " + storeOptions.describe() + " to " + target + " (" + Files.size(target)
                + " bytes).");
        out().println("The key pepper is not in the backup; keep a copy of it apart from the backup, or the"
                + " restored keys cannot be found.");
        return ExitCode.OK;
    }
}
