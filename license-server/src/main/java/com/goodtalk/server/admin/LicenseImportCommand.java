package com.goodtalk.server.admin;

import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.ConflictException;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseTerms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code licenses import}: stores legacy keys exactly as they are written, one license per key,
 * and reports every line it skipped. Importing a file twice imports nothing the second time.
 */
@Command(name = "import", sortOptions = false,
        description = {
            "Imports legacy product keys from a file, as they are.",
            "The file is UTF-8 with one key per line; blank lines and lines starting with # are ignored. Keys are"
                    + " stored as written, not normalised. Prints how many keys were imported and which lines were"
                    + " skipped and why, such as keys already in the store.",
        },
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, "65:the file has no keys or is not UTF-8",
            ExitCode.IO_ERROR_LINE})
final class LicenseImportCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "File of legacy keys, one per line.")
    Path file;

    @Mixin
    LicenseTermsOptions termsOptions;

    @Mixin
    ActorOption actorOption;

    private LegacyKeyFile keyFile;

    LicenseImportCommand(AdminContext context) {
        super(context);
    }

    @Override
    boolean createsDatabase() {
        return true;
    }

    @Override
    void checkArguments() throws IOException {
        termsOptions.check(context.clock().instant());
        keyFile = LegacyKeyFile.read(file);
        if (keyFile.keys().isEmpty()) {
            printSkipped(keyFile.skipped());
            throw new AdminException(ExitCode.DATA_ERROR, "The key file " + file + " contains no importable key."
                    + " Write one key per line.");
        }
    }

    @Override
    int run(LicenseStore store) {
        String actor = actorOption.resolve(context.environment());
        LicenseTerms terms = termsOptions.terms(context.clock().instant());
        termsOptions.findOrCreateProduct(store, out());

        List<License> imported = new ArrayList<>();
        List<LegacyKeyFile.Line> skipped = new ArrayList<>(keyFile.skipped());
        for (LegacyKeyFile.Line line : keyFile.keys()) {
            try {
                imported.add(store.importKey(terms, line.text(), actor));
            } catch (ConflictException alreadyStored) {
                skipped.add(new LegacyKeyFile.Line(line.number(), "the key " + ProductKeys.mask(line.text())
                        + " is already in the store"));
            }
        }
        skipped.sort((a, b) -> Integer.compare(a.number(), b.number()));

        String ids = imported.stream().map(license -> Long.toString(license.id())).collect(Collectors.joining(", "));
        String idList = switch (imported.size()) {
            case 0 -> "";
            case 1 -> " License id: " + ids + ".";
            default -> " License ids: " + ids + ".";
        };
        out().println("Imported " + imported.size() + (imported.size() == 1 ? " legacy key" : " legacy keys")
                + " from " + file + " as licenses of " + LicenseTermsOptions.describe(terms) + "." + idList);
        printSkipped(skipped);
        return ExitCode.OK;
    }

    private void printSkipped(List<LegacyKeyFile.Line> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        out().println("Skipped " + skipped.size() + (skipped.size() == 1 ? " line:" : " lines:"));
        for (LegacyKeyFile.Line line : skipped) {
            out().println("  line " + line.number() + ": " + line.text());
        }
    }
}
