package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    private static final Secret SECRET = Secret.ofUtf8("a test secret of some length");

    @TempDir
    static Path directory;

    private static LicenseStore store;

    @BeforeAll
    static void openStore() {
        store = TestStores.sqliteWithKeys(directory, List.of("KEY-1"));
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void defaultsMatchReference() {
        ServerConfig config = ServerConfig.builder().licenseStore(store).v1Secret(SECRET).build();

        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.acceptedVersions()).containsExactly("0.0.1");
        assertThat(config.demoMode()).isFalse();
    }

    @Test
    void demoModeDefaultsToPublishedSecret() {
        ServerConfig config = ServerConfig.builder().demoMode(true).licenseStore(store).build();

        assertThat(config.v1Secret().isProofOfConceptDemo()).isTrue();
    }

    @Test
    void demoModeKeepsGivenSecret() {
        ServerConfig config = ServerConfig.builder().demoMode(true).licenseStore(store).v1Secret(SECRET).build();

        assertThat(config.v1Secret()).isEqualTo(SECRET);
    }

    @Test
    void v1WithoutStoreRejected() {
        ServerConfig.Builder production = ServerConfig.builder().v1Secret(SECRET);
        ServerConfig.Builder demo = ServerConfig.builder().demoMode(true);

        assertThatThrownBy(production::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No license store").hasMessageContaining("v1Enabled(false)");
        assertThatThrownBy(demo::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No license store");
    }

    @Test
    void v1OffNeedsNoStore() {
        ServerConfig config = ServerConfig.builder().v1Enabled(false).build();

        assertThat(config.licenseStore()).isEmpty();
        assertThat(config.v1Enabled()).isFalse();
    }

    @Test
    void productionWithoutSecretRejected() {
        ServerConfig.Builder builder = ServerConfig.builder().licenseStore(store);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No v1 secret");
    }

    @Test
    void portOutOfRangeRejected() {
        assertThatThrownBy(() -> ServerConfig.builder().port(65_536)).hasMessageContaining("65536");
        assertThatThrownBy(() -> ServerConfig.builder().port(-1)).hasMessageContaining("-1");
    }

    @Test
    void emptyVersionsRejected() {
        assertThatThrownBy(() -> ServerConfig.builder().acceptedVersions(Set.of()))
                .hasMessageContaining("0.0.1");
        assertThatThrownBy(() -> ServerConfig.builder().acceptedVersions(List.of(" ")))
                .hasMessageContaining("blank");
    }
}
