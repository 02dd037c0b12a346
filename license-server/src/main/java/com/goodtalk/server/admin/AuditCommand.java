package com.goodtalk.server.admin;

import com.goodtalk.server.store.AuditEvent;
import com.goodtalk.server.store.AuditFilter;
import com.goodtalk.server.store.LicenseStore;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit}: the newest audit log entries, optionally of one license or since a time. */
@Command(name = "audit", sortOptions = false,
        description = {"Shows the audit log, newest entry first.",
            "Each entry names who issued, changed, activated or released which license."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.IO_ERROR_LINE})
final class AuditCommand extends StoreCommand {

    static final int DEFAULT_LIMIT = 50;

    @Option(names = "--license", paramLabel = "ID", order = 1, description = "Only entries about this license.")
    Long licenseId;

    @Option(names = "--since", paramLabel = "DATE", converter = TimeArguments.StartOfDay.class, order = 2,
            description = "Only entries at or after this time: an ISO date such as 2027-01-31 (the start of that"
                    + " day, UTC) or a time such as 2027-01-31T12:00:00Z.")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT, order = 3,
            description = "Maximum number of entries to show, 1 to " + AuditFilter.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
            defaultValue = "table", order = 4, description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    AuditCommand(AdminContext context) {
        super(context);
    }

    @Override
    void checkArguments() {
        if (limit < 1 || limit > AuditFilter.MAX_LIMIT) {
            throw new AdminException(ExitCode.USAGE, "--limit " + limit + " is out of range. Use 1 to "
                    + AuditFilter.MAX_LIMIT + ", with --since or --license to narrow the entries.");
        }
    }

    @Override
    int run(LicenseStore store) {
        List<AuditEvent> events = store.audit(new AuditFilter(licenseId, null, since, limit));
        if (format == OutputFormat.JSON) {
            AdminJson.print(out(), events.stream().map(AdminJson.AuditEventJson::of).toList());
            return ExitCode.OK;
        }
        if (events.isEmpty()) {
            out().println("No audit entries match.");
            return ExitCode.OK;
        }
        TextTable table = new TextTable("ID", "TIME", "ACTOR", "ACTION", "LICENSE", "DETAIL");
        for (AuditEvent event : events) {
            table.addRow(event.id(), event.occurredAt(), event.actor(), event.action().code(), event.licenseId(),
                    event.detail());
        }
        table.print(out());
        if (events.size() == limit) {
            out().println("Showing the newest " + limit + " entries; raise --limit or narrow with --since to see"
                    + " older ones.");
        }
        return ExitCode.OK;
    }
}
