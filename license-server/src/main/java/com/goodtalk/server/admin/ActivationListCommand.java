package com.goodtalk.server.admin;

import com.goodtalk.server.store.Activation;
import com.goodtalk.server.store.LicenseStore;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code activations list}: the machines that hold or held a seat on one license. */
@Command(name = "list", sortOptions = false,
        description = "Lists a license's activations, current and released, in id order.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, "65:no license has this id", ExitCode.IO_ERROR_LINE})
final class ActivationListCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "LICENSE_ID", description = "License id, from 'licenses list'.")
    long licenseId;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            defaultValue = "table", description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    ActivationListCommand(AdminContext context) {
        super(context);
    }

    @Override
    int run(LicenseStore store) {
        List<Activation> activations = store.listActivations(licenseId);
        if (format == OutputFormat.JSON) {
            AdminJson.print(out(), activations.stream().map(AdminJson.ActivationJson::of).toList());
            return ExitCode.OK;
        }
        if (activations.isEmpty()) {
            out().println("License " + licenseId + " has no activations.");
            return ExitCode.OK;
        }
        TextTable table = new TextTable("ID", "MACHINE", "STATE", "FIRST SEEN", "LAST SEEN", "RELEASED");
        for (Activation activation : activations) {
            table.addRow(activation.id(), activation.machine(), activation.isActive() ? "holds a seat" : "released",
                    activation.firstSeenAt(), activation.lastSeenAt(), activation.deactivatedAt());
        }
        table.print(out());
        long seatsInUse = activations.stream().filter(Activation::isActive).count();
        out().println(seatsInUse + (seatsInUse == 1 ? " machine holds" : " machines hold") + " a seat on license "
                + licenseId + ".");
        return ExitCode.OK;
    }
}
