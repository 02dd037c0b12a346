package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.keys.KeyCheckResult;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.ActivationOutcome;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LicenseCreateCommandTest {

    @TempDir
    Path dataDirectory;

    private AdminCli cli;

    @BeforeEach
    void setUp() {
        cli = AdminCli.sqlite(dataDirectory);
    }

    @Test
    void createPrintsKeysThatValidate() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "goodtalk-desktop",
                "--product-name", "GoodTalk Desktop", "--edition", "pro", "--seats", "2", "--feature", "export,sync",
                "--count", "2", "--note", "order 1234");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsSubsequence(
                "Created product goodtalk-desktop (GoodTalk Desktop).",
                "Issued 2 licenses for goodtalk-desktop, edition pro, 2 seats, features export, sync, expires never.",
                "License ids, in the order of the keys: 1, 2.",
                "Product keys (shown only now; the store keeps only their hashes):");
        List<String> keys = result.printedKeys();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
        assertThat(result.outLines().subList(result.outLines().size() - 2, result.outLines().size()))
                .isEqualTo(keys);
        try (LicenseStore store = cli.openStore()) {
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                assertThat(ProductKeys.check(key).outcome()).isEqualTo(KeyCheckResult.Outcome.NEW_FORMAT_VALID);
                assertThat(store.activate(key, "machine-a").outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
                assertThat(store.validate(key.toLowerCase(Locale.ROOT), "machine-a").isValid()).isTrue();
                License license = store.findByKey(key).orElseThrow();
                assertThat(license.id()).isEqualTo(i + 1);
                assertThat(license.features()).containsExactly("export", "sync");
                assertThat(license.note()).isEqualTo("order 1234");
            }
        }
    }

    @Test
    void keysAppearNowhereButStdout() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro",
                "--seats", "1", "--count", "3");
        byte[] database = Files.readAllBytes(dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME));
        String databaseText = new String(database, StandardCharsets.ISO_8859_1);

        assertThat(result.printedKeys()).hasSize(3);
        for (String key : result.printedKeys()) {
            assertThat(result.err()).doesNotContain(key);
            assertThat(databaseText).doesNotContain(key).doesNotContain(key.replace("-", ""));
        }
    }

    @Test
    void secondCreateReusesProduct() {
        cli.runOnStore("licenses", "create", "--product", "p", "--product-name", "Product", "--edition", "pro",
                "--seats", "1");

        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "p", "--product-name", "Other",
                "--edition", "pro", "--seats", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain("Created product");
        assertThat(result.out()).contains("Product p exists with the name \"Product\"; --product-name is used only"
                + " for new products.");
        assertThat(result.out()).contains("License id: 2.");
    }

    @Test
    void expiresDateMeansEndOfDayUtc() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro",
                "--seats", "1", "--expires", "2031-06-30");

        assertThat(result.out()).contains("expires 2031-06-30T23:59:59.999Z.");
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.show(1).expiresAt()).isEqualTo(Instant.parse("2031-06-30T23:59:59.999Z"));
        }
    }

    @Test
    void expiresInCountsDaysFromClock() throws Exception {
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1",
                "--expires-in", "365d");

        try (LicenseStore store = cli.openStore()) {
            assertThat(store.show(1).expiresAt()).isEqualTo(AdminCli.NOW.plusSeconds(365L * 86_400));
        }
    }

    @Test
    void expiresInDropsSubMilliseconds() throws Exception {
        cli.clock = Clock.fixed(Instant.parse("2030-01-01T10:00:00.123456789Z"), ZoneOffset.UTC);

        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro",
                "--seats", "1", "--expires-in", "1d");

        assertThat(result.out()).contains("expires 2030-01-02T10:00:00.123Z.");
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.show(1).expiresAt()).isEqualTo(Instant.parse("2030-01-02T10:00:00.123Z"));
        }
    }

    @Test
    void expiresAcceptsInstantWithOffset() throws Exception {
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1",
                "--expires", "2031-01-01T12:00:00+02:00");

        try (LicenseStore store = cli.openStore()) {
            assertThat(store.show(1).expiresAt()).isEqualTo(Instant.parse("2031-01-01T10:00:00Z"));
        }
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--seats", "0"), "--seats 0 is below 1"),
                Arguments.of(List.of("--seats", "two"), "Invalid value for option '--seats': 'two' is not an int"),
                Arguments.of(List.of("--seats", "1", "--count", "0"), "--count 0 is out of range. Issue 1 to 1000"),
                Arguments.of(List.of("--seats", "1", "--count", "1001"), "--count 1001 is out of range"),
                Arguments.of(List.of("--seats", "1", "--expires", "31.12.2031"),
                        "Invalid value for option '--expires': '31.12.2031' is not a date or time. Use an ISO date"
                                + " such as 2027-12-31"),
                Arguments.of(List.of("--seats", "1", "--expires", "2031-02-30"), "'2031-02-30' is not a date"),
                Arguments.of(List.of("--seats", "1", "--expires", "2031-01-01T12:00:00"),
                        "a time with its offset such as 2027-12-31T12:00:00Z"),
                Arguments.of(List.of("--seats", "1", "--expires", "2029-12-31"),
                        "--expires 2029-12-31T23:59:59.999Z is not in the future (now 2030-01-01T00:00:00Z)"),
                Arguments.of(List.of("--seats", "1", "--expires-in", "12x"),
                        "'12x' is not a number of days from 1d to 36500d. Use a form such as 365d."),
                Arguments.of(List.of("--seats", "1", "--expires-in", "0d"), "'0d' is not a number of days"),
                Arguments.of(List.of("--seats", "1", "--expires", "2031-01-01", "--expires-in", "10d"),
                        "--expires=DATE, --expires-in=DAYS are mutually exclusive"),
                Arguments.of(List.of("--seats", "1", "--colour", "red"), "Unknown options: '--colour', 'red'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badArguments")
    void badArgumentExitsWithUsage(List<String> extra, String message) {
        Stream<String> args = Stream.concat(Stream.of("licenses", "create", "--product", "p", "--edition", "pro"),
                extra.stream());

        AdminCli.Result result = cli.runOnStore(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
        assertThat(dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME)).doesNotExist();
    }

    @Test
    void missingRequiredOptionNamesIt() {
        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "p", "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("license-server licenses create: Missing required option: '--edition=EDITION'")
                .contains("Run 'license-server licenses create --help' to see the options.");
    }

    @Test
    void invalidProductCodeCreatesNothing() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "Good Talk", "--edition", "pro",
                "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("license-server licenses create: Invalid product code 'Good Talk'");
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.listProducts()).isEmpty();
        }
    }

    @Test
    void invalidEditionKeepsCreatedProduct() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "x".repeat(65),
                "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("The edition has 65 characters, more than 64");
        assertThat(result.printedKeys()).isEmpty();
        assertThat(result.out()).doesNotContain("Issued");
    }
}
