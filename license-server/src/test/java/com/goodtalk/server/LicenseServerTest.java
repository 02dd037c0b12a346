package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.server.testing.TestStores;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseServerTest {

    @TempDir
    static Path directory;

    private static LicenseStore store;

    @BeforeAll
    static void openStore() {
        store = TestStores.sqliteWithKeys(directory, DemoKeys.KEYS);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private static ServerConfig.Builder config() {
        return ServerConfig.builder().port(0).licenseStore(store).v1Secret(Secret.ofUtf8("test secret"));
    }

    @Test
    void baseUriHasRealPortWithoutSlash() {
        try (LicenseServer server = LicenseServer.start(config().build())) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUri()).hasToString("http://127.0.0.1:" + server.port());
        }
    }

    @Test
    void closeStopsServerAndIsIdempotent() {
        LicenseServer server = LicenseServer.start(config().build());
        TestHttp http = new TestHttp(server.baseUri());
        assertThat(http.request("GET", "/health").statusCode()).isEqualTo(200);

        server.close();
        server.close();

        assertThatThrownBy(() -> http.request("GET", "/health"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void portInUseRejectedNamingPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig busy = config().port(taken.getLocalPort()).build();

            assertThatThrownBy(() -> LicenseServer.start(busy))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("Choose another port");
        }
    }

    @Test
    void runningServerRestartsOnSamePort() {
        RunningServer server = RunningServer.withDemoKeys();
        server.start();
        try {
            TestHttp http = new TestHttp(server.baseUri());
            server.stop();
            assertThatThrownBy(() -> http.request("GET", "/health")).hasCauseInstanceOf(ConnectException.class);

            server.start();

            assertThat(http.request("GET", "/health").statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void runningServerSecretsDiffer() {
        assertThat(RunningServer.withDemoKeys().secret()).isNotEqualTo(RunningServer.withDemoKeys().secret());
    }
}
