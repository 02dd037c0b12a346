package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.server.store.LicenseStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir
    Path dataDirectory;

    private AdminCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = AdminCli.sqlite(dataDirectory);
        String key = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1",
                "--actor", "alice@example.test").printedKeys().get(0);
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1");
        try (LicenseStore store = cli.openStore()) {
            store.activate(key, "mf1:machine-one");
        }
        cli.clock = Clock.fixed(Instant.parse("2030-01-02T08:00:00Z"), ZoneOffset.UTC);
        cli.runOnStore("licenses", "suspend", "1");
    }

    @Test
    void auditShowsOperationsWithActor() {
        AdminCli.Result result = cli.runOnStore("audit");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("ID +TIME +ACTOR +ACTION +LICENSE +DETAIL");
        assertThat(lines.get(1)).matches("4 +2030-01-02T08:00:00Z +cli:tester +suspension +1 +Status active ->"
                + " suspended for \\w{6}-\\*{4}");
        assertThat(lines.get(2)).matches("3 +2030-01-01T00:00:00Z +client +activation +1 +.*mf1:machine-one.*");
        assertThat(lines.get(3)).matches("2 +2030-01-01T00:00:00Z +cli:tester +issue +2 +Issued key .*");
        assertThat(lines.get(4)).matches("1 +2030-01-01T00:00:00Z +alice@example.test +issue +1 +Issued key"
                + " \\w{6}-\\*{4} for p pro, 1 seats, expires never");
    }

    @Test
    void auditFiltersByLicenseAndSince() {
        AdminCli.Result license2 = cli.runOnStore("audit", "--license", "2");
        AdminCli.Result sinceDay = cli.runOnStore("audit", "--since", "2030-01-02");
        AdminCli.Result sinceInstant = cli.runOnStore("audit", "--since", "2030-01-02T08:00:01Z");

        assertThat(license2.outLines()).hasSize(2);
        assertThat(license2.outLines().get(1)).startsWith("2 ");
        assertThat(sinceDay.outLines()).hasSize(2);
        assertThat(sinceDay.outLines().get(1)).contains("suspension");
        assertThat(sinceInstant.out()).isEqualTo("No audit entries match.\n");
    }

    @Test
    void auditLimitKeepsNewest() {
        AdminCli.Result result = cli.runOnStore("audit", "--limit", "2");

        assertThat(result.outLines()).hasSize(4);
        assertThat(result.outLines().get(1)).startsWith("4 ");
        assertThat(result.outLines().get(2)).startsWith("3 ");
        assertThat(result.outLines().get(3)).isEqualTo("Showing the newest 2 entries; raise --limit or narrow with"
                + " --since to see older ones.");
    }

    @Test
    void auditJsonHasActorAndAction() throws Exception {
        AdminCli.Result result = cli.runOnStore("audit", "--format", "json", "--license", "1");

        JsonNode events = new ObjectMapper().readTree(result.out());
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("actor").asText()).isEqualTo("cli:tester");
        assertThat(events.get(0).get("action").asText()).isEqualTo("suspension");
        assertThat(events.get(0).get("license_id").asLong()).isEqualTo(1);
        assertThat(events.get(0).get("occurred_at").asText()).isEqualTo("2030-01-02T08:00:00Z");
        assertThat(events.get(2).get("actor").asText()).isEqualTo("alice@example.test");
        assertThat(events.get(2).get("detail").asText()).startsWith("Issued key ");
    }

    @Test
    void auditRejectsBadArguments() {
        AdminCli.Result zero = cli.runOnStore("audit", "--limit", "0");
        AdminCli.Result tooMany = cli.runOnStore("audit", "--limit", "1001");
        AdminCli.Result badSince = cli.runOnStore("audit", "--since", "yesterday");

        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.err()).contains("--limit 0 is out of range. Use 1 to 1000");
        assertThat(tooMany.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badSince.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badSince.err()).contains("'yesterday' is not a date or time. Use an ISO date such as 2027-12-31"
                + " (the start of that day, UTC)");
    }

    @Test
    void actorFallsBackToUsername() {
        cli.environment.remove("USER");
        cli.environment.put("USERNAME", "windows-admin");

        cli.runOnStore("licenses", "revoke", "2");
        AdminCli.Result result = cli.runOnStore("audit", "--limit", "1");

        assertThat(result.outLines().get(1)).contains(" cli:windows-admin ");
    }
}
