package com.goodtalk.server.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V1Authenticator with a failed license store returns {@code rate_limited}, the error that means "try later",
 * whether the key check or the store-backed replay check meets the failure first.
 */
class V1AuthenticatorStoreTest {

    private static final Secret SECRET = Secret.ofUtf8("v1 authenticator test secret");

    @TempDir
    Path directory;

    @Test
    void failedStoreReturnsRateLimited() {
        LicenseStore store = TestStores.sqliteWithKeys(directory, DemoKeys.KEYS);
        V1Authenticator authenticator = new V1Authenticator(SECRET, store, Set.of(V1Protocol.REFERENCE_CLIENT_VERSION),
                Nonces::clientNonce);
        byte[] body = V1Protocol.signRequest(SECRET, DemoKeys.KEYS.get(0), Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION).toJson().getBytes(StandardCharsets.UTF_8);
        assertThat(authenticator.authenticate(body).status()).as("while the store is open").isEqualTo(200);
        store.close();

        V1Decision decision = authenticator.authenticate(body);

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.body()).isEqualTo("{\"error\": \"rate_limited\"}");
        assertThat(decision.logDetail()).contains("APENL-*****").contains("the license store failed")
                .doesNotContain(DemoKeys.KEYS.get(0));
    }

    @Test
    void failedStoreWithReplayCheckReturnsRateLimited() {
        LicenseStore store = TestStores.sqliteWithKeys(directory, DemoKeys.KEYS);
        // The server's default: the replay check records requests in the same store, before the key check.
        V1ReplayCache replayCache = new V1ReplayCache(store, 1000, Duration.ofMinutes(5), Clock.systemUTC());
        V1Authenticator authenticator = new V1Authenticator(SECRET, store, Set.of(V1Protocol.REFERENCE_CLIENT_VERSION),
                Nonces::clientNonce, Optional.of(replayCache));
        assertThat(authenticator.authenticate(signedRequest()).status()).as("while the store is open").isEqualTo(200);
        store.close();

        V1Decision decision = authenticator.authenticate(signedRequest());

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.body()).isEqualTo("{\"error\": \"rate_limited\"}");
        assertThat(decision.logDetail()).contains("the license store failed").doesNotContain(DemoKeys.KEYS.get(0));
    }

    private static byte[] signedRequest() {
        return V1Protocol.signRequest(SECRET, DemoKeys.KEYS.get(0), Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION).toJson().getBytes(StandardCharsets.UTF_8);
    }
}
