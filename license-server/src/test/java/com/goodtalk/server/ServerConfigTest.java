package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static final Secret SECRET = Secret.ofUtf8("a test secret of some length");

    @Test
    void defaultsMatchReference() {
        ServerConfig config = ServerConfig.builder().productKeys(List.of("KEY-1")).v1Secret(SECRET).build();

        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.acceptedVersions()).containsExactly("0.0.1");
        assertThat(config.demoMode()).isFalse();
    }

    @Test
    void demoModeDefaultsToPublishedKeysAndSecret() {
        ServerConfig config = ServerConfig.builder().demoMode(true).build();

        assertThat(config.productKeys()).containsExactlyInAnyOrderElementsOf(DemoKeys.KEYS);
        assertThat(config.v1Secret().isProofOfConceptDemo()).isTrue();
    }

    @Test
    void demoModeKeepsGivenSecret() {
        ServerConfig config = ServerConfig.builder().demoMode(true).v1Secret(SECRET).build();

        assertThat(config.v1Secret()).isEqualTo(SECRET);
    }

    @Test
    void productionWithoutKeysRejected() {
        ServerConfig.Builder builder = ServerConfig.builder().v1Secret(SECRET);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No product keys");
    }

    @Test
    void productionWithoutSecretRejected() {
        ServerConfig.Builder builder = ServerConfig.builder().productKeys(List.of("KEY-1"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No v1 secret");
    }

    @Test
    void portOutOfRangeRejected() {
        assertThatThrownBy(() -> ServerConfig.builder().port(65_536)).hasMessageContaining("65536");
        assertThatThrownBy(() -> ServerConfig.builder().port(-1)).hasMessageContaining("-1");
    }

    @Test
    void emptyKeyRejected() {
        assertThatThrownBy(() -> ServerConfig.builder().productKeys(List.of("KEY-1", "")))
                .hasMessageContaining("Product key 2 is empty");
    }

    @Test
    void nullKeyRejected() {
        assertThatThrownBy(() -> ServerConfig.builder().productKeys(Arrays.asList("KEY-1", null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void emptyVersionsRejected() {
        assertThatThrownBy(() -> ServerConfig.builder().acceptedVersions(Set.of()))
                .hasMessageContaining("0.0.1");
        assertThatThrownBy(() -> ServerConfig.builder().acceptedVersions(List.of(" ")))
                .hasMessageContaining("blank");
    }

    @Test
    void keysCopiedNotShared() {
        List<String> keys = new java.util.ArrayList<>(List.of("KEY-1"));
        ServerConfig.Builder builder = ServerConfig.builder().productKeys(keys).v1Secret(SECRET);
        keys.add("KEY-2");

        assertThat(builder.build().productKeys()).containsExactly("KEY-1");
    }
}
