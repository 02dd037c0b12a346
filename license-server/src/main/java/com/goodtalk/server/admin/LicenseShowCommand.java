package com.goodtalk.server.admin;

import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.NotFoundException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code licenses show}: one license, found by id or by product key. */
@Command(name = "show", sortOptions = false,
        description = "Shows one license, found by its id or by its product key.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, "65:no license has this id or key",
            ExitCode.IO_ERROR_LINE})
final class LicenseShowCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ID|KEY",
            description = "License id (digits only), or the product key as the customer types it.")
    String idOrKey;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            defaultValue = "table", description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    LicenseShowCommand(AdminContext context) {
        super(context);
    }

    @Override
    int run(LicenseStore store) {
        License license = find(store);
        Instant now = context.clock().instant();
        if (format == OutputFormat.JSON) {
            AdminJson.print(out(), AdminJson.LicenseJson.of(license, now));
            return ExitCode.OK;
        }
        TextTable table = new TextTable("LICENSE", Long.toString(license.id()));
        table.addRow("key", license.maskedKey() + (license.imported() ? " (imported legacy key)" : " (issued)"));
        table.addRow("product", license.product().code() + " (" + license.product().name() + ")");
        table.addRow("edition", license.edition());
        table.addRow("features", license.features().isEmpty() ? "none" : String.join(", ", license.features()));
        table.addRow("status", describeStatus(license, now));
        table.addRow("expires", license.expiresAt() == null ? "never" : license.expiresAt());
        table.addRow("seats", license.seatsUsed() + " of " + license.seatLimit() + " used");
        table.addRow("note", license.note().isEmpty() ? "-" : license.note());
        table.addRow("created", license.createdAt());
        table.addRow("updated", license.updatedAt());
        table.print(out());
        return ExitCode.OK;
    }

    private License find(LicenseStore store) {
        if (idOrKey.chars().allMatch(c -> c >= '0' && c <= '9') && !idOrKey.isEmpty()) {
            try {
                return store.show(Long.parseLong(idOrKey));
            } catch (NumberFormatException tooLong) {
                throw new AdminException(ExitCode.USAGE, "The license id " + idOrKey + " is too large. Give an id"
                        + " from 'licenses list'.");
            }
        }
        return store.findByKey(idOrKey).orElseThrow(() -> new NotFoundException("No license has the product key "
                + ProductKeys.mask(idOrKey) + ". Check the key, or find the license with 'licenses list'."));
    }

    /** Returns the stored status, followed by {@code , expired} when the expiry has passed. */
    static String describeStatus(License license, Instant now) {
        return license.status().code() + (license.isExpiredAt(now) ? ", expired" : "");
    }
}
