package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.server.store.LicenseStatus;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.ValidationOutcome;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code licenses suspend}, {@code reinstate}, {@code revoke} and {@code extend}. */
class LicenseChangeCommandsTest {

    @TempDir
    Path dataDirectory;

    private AdminCli cli;
    private String key;

    @BeforeEach
    void setUp() {
        cli = AdminCli.sqlite(dataDirectory);
        key = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "2",
                "--expires", "2030-12-31").printedKeys().get(0);
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "lifetime", "--seats", "1");
    }

    @Test
    void suspendThenReinstate() throws Exception {
        AdminCli.Result suspended = cli.runOnStore("licenses", "suspend", "1");
        ValidationOutcome whileSuspended;
        try (LicenseStore store = cli.openStore()) {
            store.activate(key, "machine-1");
            whileSuspended = store.validate(key, "machine-1").outcome();
        }
        AdminCli.Result reinstated = cli.runOnStore("licenses", "reinstate", "1");

        assertThat(suspended.exitCode()).as(suspended.toString()).isZero();
        assertThat(suspended.out()).matches("Suspended license 1 \\(\\w{6}-\\*{4}, p pro\\): status active ->"
                + " suspended\\.\n");
        assertThat(whileSuspended).isEqualTo(ValidationOutcome.KEY_SUSPENDED);
        assertThat(reinstated.exitCode()).as(reinstated.toString()).isZero();
        assertThat(reinstated.out()).contains("Reinstated license 1 (").contains("status suspended -> active.");
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.show(1).status()).isEqualTo(LicenseStatus.ACTIVE);
        }
    }

    @Test
    void revokeIsFinal() {
        AdminCli.Result revoked = cli.runOnStore("licenses", "revoke", "1");
        AdminCli.Result reinstate = cli.runOnStore("licenses", "reinstate", "1");
        AdminCli.Result revokeAgain = cli.runOnStore("licenses", "revoke", "1");

        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).contains("Revoked license 1 (").contains("status active -> revoked.");
        assertThat(reinstate.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(reinstate.err()).startsWith("license-server licenses reinstate: ").contains("revoked");
        assertThat(reinstate.out()).isEmpty();
        assertThat(revokeAgain.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
    }

    @Test
    void suspendingTwiceIsDataError() {
        cli.runOnStore("licenses", "suspend", "1");

        AdminCli.Result again = cli.runOnStore("licenses", "suspend", "1");

        assertThat(again.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(again.err()).contains("License 1 is suspended");
    }

    @Test
    void unknownOrInvalidIdIsRejected() {
        AdminCli.Result unknown = cli.runOnStore("licenses", "suspend", "42");
        AdminCli.Result notNumber = cli.runOnStore("licenses", "revoke", "first");
        AdminCli.Result missing = cli.runOnStore("licenses", "reinstate");

        assertThat(unknown.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(unknown.err()).contains("42");
        assertThat(notNumber.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notNumber.err()).contains("Invalid value for positional parameter at index 0 (ID): 'first' is not"
                + " a long");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("Missing required parameter: 'ID'");
    }

    @Test
    void extendMovesExpiry() throws Exception {
        AdminCli.Result result = cli.runOnStore("licenses", "extend", "1", "--expires", "2031-12-31");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).matches("Extended license 1 \\(\\w{6}-\\*{4}, p pro\\): expiry"
                + " 2030-12-31T23:59:59.999Z -> 2031-12-31T23:59:59.999Z\\.\n");
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.show(1).expiresAt()).isEqualTo(Instant.parse("2031-12-31T23:59:59.999Z"));
        }
    }

    @Test
    void extendRejectsEarlierOrBadExpiry() {
        AdminCli.Result earlier = cli.runOnStore("licenses", "extend", "1", "--expires", "2030-06-30");
        AdminCli.Result lifetime = cli.runOnStore("licenses", "extend", "2", "--expires", "2031-12-31");
        AdminCli.Result badDate = cli.runOnStore("licenses", "extend", "1", "--expires", "2031/12/31");
        AdminCli.Result noDate = cli.runOnStore("licenses", "extend", "1");

        assertThat(earlier.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(earlier.err()).contains("2030-06-30T23:59:59.999Z");
        assertThat(lifetime.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(lifetime.err()).contains("never expires");
        assertThat(badDate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badDate.err()).contains("'2031/12/31' is not a date or time");
        assertThat(noDate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noDate.err()).contains("Missing required option: '--expires=DATE'");
    }
}
