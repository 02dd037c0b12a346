package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code licenses list} and {@code licenses show}. */
class LicenseQueryCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    private AdminCli cli;
    private String desktopKey;

    @BeforeEach
    void setUp() {
        cli = AdminCli.sqlite(dataDirectory);
        desktopKey = cli.runOnStore("licenses", "create", "--product", "goodtalk-desktop", "--edition", "pro",
                "--seats", "3", "--expires", "2030-06-30", "--feature", "export").printedKeys().get(0);
        cli.runOnStore("licenses", "create", "--product", "goodtalk-desktop", "--edition", "basic",
                "--seats", "1", "--expires", "2031-12-31");
        cli.runOnStore("licenses", "create", "--product", "goodtalk-mobile", "--edition", "pro", "--seats", "10");
        cli.runOnStore("licenses", "suspend", "2");
    }

    @Test
    void listPrintsAlignedTable() {
        AdminCli.Result result = cli.runOnStore("licenses", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.outLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("ID +KEY +PRODUCT +EDITION +STATUS +SEATS +EXPIRES");
        assertThat(lines.get(1)).matches("1 +\\w{6}-\\*{4} +goodtalk-desktop +pro +active +0/3 +2030-06-30T23:59:59.999Z");
        assertThat(lines.get(2)).matches("2 +\\w{6}-\\*{4} +goodtalk-desktop +basic +suspended +0/1 +2031-12-31T23:59:59.999Z");
        assertThat(lines.get(3)).matches("3 +\\w{6}-\\*{4} +goodtalk-mobile +pro +active +0/10 +never");
        assertThat(lines.get(4)).isEqualTo("3 licenses.");
        for (String column : List.of("KEY", "PRODUCT", "EDITION", "STATUS", "SEATS", "EXPIRES")) {
            int start = lines.get(0).indexOf(column);
            for (String row : lines.subList(1, 4)) {
                assertThat(row.charAt(start - 1)).as("%s column of %s", column, row).isEqualTo(' ');
                assertThat(row.charAt(start)).as("%s column of %s", column, row).isNotEqualTo(' ');
            }
        }
        assertThat(result.out()).doesNotContain(desktopKey);
    }

    @Test
    void listFiltersByStatusAndProduct() {
        AdminCli.Result suspended = cli.runOnStore("licenses", "list", "--status", "SUSPENDED");
        AdminCli.Result mobile = cli.runOnStore("licenses", "list", "--product", "goodtalk-mobile");
        AdminCli.Result none = cli.runOnStore("licenses", "list", "--status", "revoked");

        assertThat(suspended.outLines()).hasSize(3);
        assertThat(suspended.outLines().get(1)).startsWith("2 ");
        assertThat(mobile.outLines()).hasSize(3);
        assertThat(mobile.outLines().get(1)).startsWith("3 ");
        assertThat(none.out()).isEqualTo("No licenses match.\n");
        assertThat(none.exitCode()).isZero();
    }

    @Test
    void expiringBeforeIncludesThatWholeDay() {
        AdminCli.Result sameDay = cli.runOnStore("licenses", "list", "--expiring-before", "2030-06-30");
        AdminCli.Result dayBefore = cli.runOnStore("licenses", "list", "--expiring-before", "2030-06-29");
        AdminCli.Result later = cli.runOnStore("licenses", "list", "--expiring-before", "2032-01-01T00:00:00Z");

        assertThat(sameDay.outLines()).hasSize(3);
        assertThat(sameDay.outLines().get(1)).startsWith("1 ");
        assertThat(dayBefore.out()).isEqualTo("No licenses match.\n");
        assertThat(later.outLines()).hasSize(4).last().isEqualTo("2 licenses.");
    }

    @Test
    void listMarksExpiredLicenses() {
        cli.clock = Clock.fixed(Instant.parse("2030-07-01T00:00:00Z"), ZoneOffset.UTC);

        AdminCli.Result result = cli.runOnStore("licenses", "list", "--product", "goodtalk-desktop");

        assertThat(result.outLines().get(1)).contains(" active, expired ");
    }

    @Test
    void listJsonHasEveryField() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "list", "--format", "json", "--product",
                "goodtalk-desktop");

        JsonNode licenses = JSON.readTree(result.out());
        assertThat(licenses.isArray()).isTrue();
        assertThat(licenses).hasSize(2);
        JsonNode first = licenses.get(0);
        assertThat(first.get("id").asLong()).isEqualTo(1);
        assertThat(first.get("key_hint").asText()).matches("\\w{6}-\\*{4}");
        assertThat(first.get("imported").asBoolean()).isFalse();
        assertThat(first.get("product").asText()).isEqualTo("goodtalk-desktop");
        assertThat(first.get("product_name").asText()).isEqualTo("goodtalk-desktop");
        assertThat(first.get("edition").asText()).isEqualTo("pro");
        assertThat(first.get("features").get(0).asText()).isEqualTo("export");
        assertThat(first.get("status").asText()).isEqualTo("active");
        assertThat(first.get("expired").asBoolean()).isFalse();
        assertThat(first.get("expires_at").asText()).isEqualTo("2030-06-30T23:59:59.999Z");
        assertThat(first.get("seats_used").asInt()).isZero();
        assertThat(first.get("seat_limit").asInt()).isEqualTo(3);
        assertThat(first.get("note").asText()).isEmpty();
        assertThat(first.get("created_at").asText()).isEqualTo(AdminCli.NOW.toString());
        assertThat(licenses.get(1).get("status").asText()).isEqualTo("suspended");
    }

    @Test
    void listJsonOfNothingIsEmptyArray() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "list", "--format", "json", "--status", "revoked");

        assertThat(JSON.readTree(result.out()).isArray()).isTrue();
        assertThat(JSON.readTree(result.out())).isEmpty();
    }

    @Test
    void listRejectsBadFilters() {
        AdminCli.Result unknownProduct = cli.runOnStore("licenses", "list", "--product", "goodtalk-tv");
        AdminCli.Result badStatus = cli.runOnStore("licenses", "list", "--status", "expired");
        AdminCli.Result badFormat = cli.runOnStore("licenses", "list", "--format", "csv");
        AdminCli.Result badDate = cli.runOnStore("licenses", "list", "--expiring-before", "next week");

        assertThat(unknownProduct.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(unknownProduct.err()).contains("No product has the code 'goodtalk-tv'. Known products:"
                + " goodtalk-desktop, goodtalk-mobile.");
        assertThat(badStatus.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badStatus.err()).contains("'expired' is not a license status. Use active, suspended or revoked");
        assertThat(badFormat.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badFormat.err()).contains("'csv' is not an output format. Use table or json.");
        assertThat(badDate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badDate.err()).contains("Invalid value for option '--expiring-before': 'next week' is not a date");
    }

    @Test
    void showByIdListsEveryField() {
        AdminCli.Result result = cli.runOnStore("licenses", "show", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).hasSize(11);
        assertThat(result.outLines().get(0)).isEqualTo("LICENSE   1");
        assertThat(result.outLines().get(1)).matches("key       \\w{6}-\\*{4} \\(issued\\)");
        assertThat(result.outLines()).contains(
                "product   goodtalk-desktop (goodtalk-desktop)",
                "edition   pro",
                "features  export",
                "status    active",
                "expires   2030-06-30T23:59:59.999Z",
                "seats     0 of 3 used",
                "note      -",
                "created   2030-01-01T00:00:00Z");
    }

    @Test
    void showByTypedKeyFindsLicense() {
        AdminCli.Result exact = cli.runOnStore("licenses", "show", desktopKey, "--format", "json");
        AdminCli.Result typed = cli.runOnStore("licenses", "show", " " + desktopKey.toLowerCase(Locale.ROOT) + " ");

        assertThat(exact.exitCode()).as(exact.toString()).isZero();
        assertThat(exact.out()).contains("\"id\" : 1,");
        assertThat(typed.exitCode()).as(typed.toString()).isZero();
        assertThat(typed.outLines().get(0)).isEqualTo("LICENSE   1");
        assertThat(exact.out() + typed.out()).doesNotContain(desktopKey);
    }

    @Test
    void showUnknownIdOrKeyIsDataError() {
        AdminCli.Result unknownId = cli.runOnStore("licenses", "show", "99");
        AdminCli.Result unknownKey = cli.runOnStore("licenses", "show", "ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ");
        AdminCli.Result hugeId = cli.runOnStore("licenses", "show", "99999999999999999999");

        assertThat(unknownId.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(unknownId.err()).contains("license-server licenses show: ").contains("99");
        assertThat(unknownKey.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(unknownKey.err()).contains("No license has the product key ZZZZZZ-****.")
                .doesNotContain("ZZZZZZ-ZZZZZZ");
        assertThat(hugeId.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(hugeId.err()).contains("The license id 99999999999999999999 is too large.");
    }

    @Test
    void showMissingArgumentIsUsageError() {
        AdminCli.Result result = cli.runOnStore("licenses", "show");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Missing required parameter: 'ID|KEY'");
    }
}
