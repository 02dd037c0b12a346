package com.goodtalk.server.admin;

import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseTerms;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code licenses create}: issues licenses with new random product keys and prints each key once.
 * The store keeps only a keyed hash of each key, and nothing here logs one.
 */
@Command(name = "create", sortOptions = false,
        description = {
            "Issues licenses with new product keys and prints the keys once.",
            "Each key (XXXXXX-XXXXXX-XXXXXX-XXXXXX) is printed on its own line after a header. The store keeps"
                    + " only their hashes, so copy them now.",
        },
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.IO_ERROR_LINE})
final class LicenseCreateCommand extends StoreCommand {

    /** The most licenses one command issues. */
    static final int MAX_COUNT = 1000;

    @Mixin
    LicenseTermsOptions termsOptions;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", order = 9,
            description = "How many licenses to issue, each with its own key, 1 to " + MAX_COUNT
                    + " (default: ${DEFAULT-VALUE}).")
    int count;

    @Mixin
    ActorOption actorOption;

    LicenseCreateCommand(AdminContext context) {
        super(context);
    }

    @Override
    boolean createsDatabase() {
        return true;
    }

    @Override
    void checkArguments() {
        if (count < 1 || count > MAX_COUNT) {
            throw new AdminException(ExitCode.USAGE, "--count " + count + " is out of range. Issue 1 to " + MAX_COUNT
                    + " licenses per command.");
        }
        termsOptions.check(context.clock().instant());
    }

    @Override
    int run(LicenseStore store) {
        String actor = actorOption.resolve(context.environment());
        LicenseTerms terms = termsOptions.terms(context.clock().instant());
        termsOptions.findOrCreateProduct(store, out());

        List<License> licenses = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String key = ProductKeys.generate();
                licenses.add(store.issue(terms, key, actor));
                keys.add(key);
            }
        } finally {
            // Runs on failure too: a key that was issued is usable, so it must not be lost.
            printKeys(out(), terms, licenses, keys);
        }
        return ExitCode.OK;
    }

    private void printKeys(PrintStream out, LicenseTerms terms, List<License> licenses, List<String> keys) {
        if (licenses.isEmpty()) {
            return;
        }
        String issued = licenses.size() == count ? Integer.toString(count) : licenses.size() + " of " + count;
        out.println("Issued " + issued + (count == 1 ? " license" : " licenses") + " for "
                + LicenseTermsOptions.describe(terms) + ".");
        out.println((licenses.size() == 1 ? "License id: " : "License ids, in the order of the keys: ")
                + licenses.stream().map(license -> Long.toString(license.id())).collect(Collectors.joining(", "))
                + ".");
        out.println("Product keys (shown only now; the store keeps only their hashes):");
        keys.forEach(out::println);
        out.flush();
    }
}
