package com.goodtalk.server.admin;

import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseFilter;
import com.goodtalk.server.store.LicenseStatus;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.NotFoundException;
import com.goodtalk.server.store.Product;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code licenses list}: the licenses that match the filters, in id order. */
@Command(name = "list", sortOptions = false,
        description = "Lists licenses in id order, with masked keys.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, "65:the product does not exist",
            ExitCode.IO_ERROR_LINE})
final class LicenseListCommand extends StoreCommand {

    @Option(names = "--status", paramLabel = "STATUS", converter = LicenseStatusConverter.class, order = 1,
            description = "Only licenses with this status: active, suspended or revoked.")
    LicenseStatus status;

    @Option(names = "--product", paramLabel = "CODE", order = 2, description = "Only licenses of this product.")
    String productCode;

    @Option(names = "--expiring-before", paramLabel = "DATE", converter = TimeArguments.EndOfDay.class, order = 3,
            description = "Only licenses that expire at or before this time, expired ones included: an ISO date"
                    + " such as 2027-12-31 (the end of that day, UTC) or a time such as 2027-12-31T12:00:00Z.")
    Instant expiringBefore;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            defaultValue = "table", order = 4, description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    LicenseListCommand(AdminContext context) {
        super(context);
    }

    @Override
    int run(LicenseStore store) {
        if (productCode != null && store.findProduct(productCode).isEmpty()) {
            throw new NotFoundException("No product has the code '" + productCode + "'. Known products: "
                    + describeProducts(store.listProducts()) + ".");
        }
        List<License> licenses = readAll(store).stream()
                .filter(license -> expiringBefore == null
                        || (license.expiresAt() != null && !license.expiresAt().isAfter(expiringBefore)))
                .toList();
        Instant now = context.clock().instant();

        if (format == OutputFormat.JSON) {
            AdminJson.print(out(), licenses.stream().map(license -> AdminJson.LicenseJson.of(license, now)).toList());
            return ExitCode.OK;
        }
        if (licenses.isEmpty()) {
            out().println("No licenses match.");
            return ExitCode.OK;
        }
        TextTable table = new TextTable("ID", "KEY", "PRODUCT", "EDITION", "STATUS", "SEATS", "EXPIRES");
        for (License license : licenses) {
            table.addRow(license.id(), license.maskedKey(), license.product().code(), license.edition(),
                    LicenseShowCommand.describeStatus(license, now), license.seatsUsed() + "/" + license.seatLimit(),
                    license.expiresAt() == null ? "never" : license.expiresAt());
        }
        table.print(out());
        out().println(licenses.size() == 1 ? "1 license." : licenses.size() + " licenses.");
        return ExitCode.OK;
    }

    /** Reads every license that the store-side filters let through, one page at a time. */
    private List<License> readAll(LicenseStore store) {
        List<License> all = new ArrayList<>();
        long afterId = 0;
        while (true) {
            List<License> page = store.list(new LicenseFilter(productCode, status, afterId, LicenseFilter.MAX_LIMIT));
            all.addAll(page);
            if (page.size() < LicenseFilter.MAX_LIMIT) {
                return all;
            }
            afterId = page.get(page.size() - 1).id();
        }
    }

    private static String describeProducts(List<Product> products) {
        return products.isEmpty() ? "none yet"
                : products.stream().map(Product::code).collect(Collectors.joining(", "));
    }
}
