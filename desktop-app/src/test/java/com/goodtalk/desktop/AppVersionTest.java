package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppVersionTest {

    @Test
    void versionComesFromBuild() {
        // Tests run from the class folders, which have no manifest, so this is the pom's version.
        assertThat(AppVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void appClaimIsProductSlashVersion() {
        String claim = AppVersion.appClaim();

        assertThat(claim).isEqualTo("GoodTalk Desktop/" + AppVersion.version());
        assertThat(claim.length()).isBetween(1, 64);
        assertThat(claim.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).as("printable ASCII").isTrue();
    }

    @Test
    void versionOptionPrintsIt() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("GoodTalk Desktop " + AppVersion.version() + System.lineSeparator());
    }
}
