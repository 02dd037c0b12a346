package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.keys.SigningKeyStore;
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.license.LicenseStatus;
import com.goodtalk.server.license.StoreLicenseService;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The v2 settings of the Java configuration API: defaults, which settings require which, and limits. */
class ServerConfigV2Test {

    private static final Secret V1_SECRET = Secret.ofUtf8("a v1 secret of some length");
    private static final Secret CLIENT_SECRET = Secret.ofUtf8("a v2 client secret of some length");

    @TempDir
    Path dataDir;

    @TempDir
    static Path storeDir;

    private static LicenseStore store;

    @BeforeAll
    static void openStore() {
        store = TestStores.sqliteWithKeys(storeDir, List.of("KEY-1"));
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void v1OnlySettingsBuildServerWithoutV2() {
        ServerConfig config = ServerConfig.builder().licenseStore(store).v1Secret(V1_SECRET).build();

        assertThat(config.v2Enabled()).isFalse();
        assertThat(config.clientKeys()).isEmpty();
        assertThat(config.v1ReplayCheck()).isTrue();
        assertThatThrownBy(config::signingKeys).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v2 is off");
    }

    @Test
    void v2SettingsHaveDocumentedDefaults() {
        SigningKeys keys = SigningKeys.of(ServerSigningKey.generate());

        ServerConfig config = ServerConfig.builder().licenseStore(store).v1Secret(V1_SECRET)
                .clientKey("desktop-1", CLIENT_SECRET).signingKeys(keys).build();

        assertThat(config.v2Enabled()).isTrue();
        assertThat(config.signingKeys()).isSameAs(keys);
        assertThat(config.signingKeyGenerated()).isFalse();
        assertThat(config.clientKeys()).containsOnlyKeys("desktop-1");
        assertThat(config.skew()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.replayCacheSize()).isEqualTo(200_000);
        assertThat(config.v1Enabled()).isTrue();
        assertThat(config.licenseService()).as("made on the store").isInstanceOf(StoreLicenseService.class);
        assertThat(config.licenseStore()).containsSame(store);
        assertThat(config.revalidateAfter()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void clientKeyWithoutSigningKeyIsRejected() {
        ServerConfig.Builder builder = ServerConfig.builder().licenseStore(store).v1Secret(V1_SECRET)
                .clientKey("desktop-1", CLIENT_SECRET);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No reply signing key").hasMessageContaining("keys generate");
    }

    @Test
    void signingKeysWithoutClientKeyAreRejected() {
        ServerConfig.Builder builder = ServerConfig.builder().licenseStore(store).v1Secret(V1_SECRET)
                .signingKeys(SigningKeys.of(ServerSigningKey.generate()));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No v2 client key");
    }

    @Test
    void dataDirSuppliesSigningKeys() throws Exception {
        SigningKeys stored = new SigningKeyStore(dataDir).generate();

        ServerConfig config = ServerConfig.builder().licenseStore(store).v1Secret(V1_SECRET)
                .clientKey("desktop-1", CLIENT_SECRET).dataDir(dataDir).build();

        assertThat(config.signingKeys().activeKeyId()).isEqualTo(stored.activeKeyId());
        assertThat(config.dataDir()).contains(dataDir);
    }

    @Test
    void demoModeGeneratesKeyAndDemoClient() {
        ServerConfig config = ServerConfig.builder().demoMode(true).licenseStore(store).build();

        assertThat(config.signingKeyGenerated()).isTrue();
        assertThat(config.clientKeys()).containsOnlyKeys(ServerConfig.DEFAULT_CLIENT_KEY_ID);
        assertThat(config.clientKeys().get(ServerConfig.DEFAULT_CLIENT_KEY_ID).isProofOfConceptDemo()).isTrue();
    }

    @Test
    void v1OffNeedsNoV1Secret() {
        ServerConfig config = ServerConfig.builder().v1Enabled(false)
                .clientKey("desktop-1", CLIENT_SECRET).signingKeys(SigningKeys.of(ServerSigningKey.generate()))
                .build();

        assertThat(config.v1Enabled()).isFalse();
        assertThat(config.v1Secret()).isNull();
    }

    @Test
    void outOfRangeValuesAreRejected() {
        ServerConfig.Builder builder = ServerConfig.builder();

        assertThatThrownBy(() -> builder.skew(Duration.ZERO)).hasMessageContaining("1 to 3600 whole seconds");
        assertThatThrownBy(() -> builder.skew(Duration.ofMillis(1500))).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> builder.skew(Duration.ofSeconds(3601))).hasMessageContaining("3600");
        assertThatThrownBy(() -> builder.replayCacheSize(0)).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> builder.revalidateAfter(Duration.ZERO)).hasMessageContaining("1 s to 366 days");
        assertThatThrownBy(() -> builder.clientKey("has space", CLIENT_SECRET)).hasMessageContaining("\"has space\"");
        builder.clientKey("desktop-1", CLIENT_SECRET);
        assertThatThrownBy(() -> builder.clientKey("desktop-1", CLIENT_SECRET)).hasMessageContaining("added twice");
    }
}
