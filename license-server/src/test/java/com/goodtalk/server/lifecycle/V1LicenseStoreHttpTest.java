package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.store.AuditAction;
import com.goodtalk.server.store.AuditEvent;
import com.goodtalk.server.store.AuditFilter;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.store.PostgresDatabases;
import com.goodtalk.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * v1 {@code POST /authenticate} decides through the license store, over real HTTP, once on
 * SQLite and once on PostgreSQL: a usable license gets the signed reply, and an unknown,
 * suspended, revoked or expired key gets the reference's {@code key_invalid} byte for byte,
 * while the audit log records the real reason under the v1 actor. v1 takes no seat.
 */
@ExtendWith(PostgresDatabases.class)
class V1LicenseStoreHttpTest {

    private static final String ADMIN = "v1-store-test";
    private static final String KEY_INVALID_BODY = "{\"error\": \"key_invalid\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ShiftedClock clock = new ShiftedClock();

    @Test
    void sqliteDecidesEachLicenseState() throws Exception {
        RunningServer server = RunningServer.builder().clock(clock).build();
        server.start();
        try {
            checkEveryState(server);
        } finally {
            server.stop();
        }
    }

    @Test
    void postgresDecidesEachLicenseState(PostgresDatabases.Database database) throws Exception {
        RunningServer server = RunningServer.builder().clock(clock)
                .postgres(database.jdbcUrl(), database.user(), database.password())
                .build();
        server.start();
        try {
            checkEveryState(server);
        } finally {
            server.stop();
        }
    }

    private void checkEveryState(RunningServer server) throws Exception {
        LicenseStore store = server.licenseStore();
        String active = issue(store, null);
        String suspended = issue(store, null);
        String revoked = issue(store, null);
        String expiring = issue(store, clock.instant().plusSeconds(60));
        String unknown = ProductKeys.generate();
        store.suspend(license(store, suspended).id(), ADMIN);
        store.revoke(license(store, revoked).id(), ADMIN);

        assertAccepted(server, active);
        assertAccepted(server, active.toLowerCase(Locale.ROOT).replace("-", " - "));
        assertAccepted(server, DemoKeys.KEYS.get(1));
        assertAccepted(server, expiring);
        assertRejected(server, unknown);
        assertRejected(server, suspended);
        assertRejected(server, revoked);
        clock.advance(Duration.ofSeconds(120));
        assertRejected(server, expiring);

        assertThat(v1Events(store, active, AuditAction.KEY_CHECK)).as("one per accepted request").hasSize(2);
        assertThat(failureDetails(store, suspended)).singleElement().asString().startsWith("key_suspended");
        assertThat(failureDetails(store, revoked)).singleElement().asString().startsWith("key_revoked");
        assertThat(failureDetails(store, expiring)).singleElement().asString().startsWith("key_expired");
        List<AuditEvent> unknownKeyEvents = store.audit(AuditFilter.all().withAction(AuditAction.KEY_CHECK_FAILURE))
                .stream().filter(event -> event.licenseId() == null).toList();
        assertThat(unknownKeyEvents).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(LicenseStore.V1_CLIENT_ACTOR);
            assertThat(event.detail()).startsWith("key_invalid").doesNotContain(unknown);
        });
        for (String key : List.of(active, suspended, revoked, expiring)) {
            assertThat(store.audit(AuditFilter.all())).extracting(AuditEvent::detail)
                    .noneMatch(detail -> detail.contains(key));
        }
        assertThat(license(store, active).seatsUsed()).as("v1 takes no seat").isZero();
        assertThat(store.listActivations(license(store, active).id())).isEmpty();
    }

    private void assertAccepted(RunningServer server, String key) throws Exception {
        V1Request request = V1Protocol.signRequest(server.secret(), key, Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION);

        HttpResponse<String> response = post(server.baseUri(), request);

        assertThat(response.statusCode()).as("key %s: %s", ProductKeys.mask(key), response.body()).isEqualTo(200);
        V1Reply reply = V1Protocol.parseReply(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.key()).isEqualTo(key);
        assertThat(reply.hmac()).isEqualTo(request.hmac());
        assertThat(V1Protocol.hmacMatches(server.secret(), reply.signingText(), reply.serverSignature())).isTrue();
    }

    private void assertRejected(RunningServer server, String key) throws Exception {
        V1Request request = V1Protocol.signRequest(server.secret(), key, Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION);

        HttpResponse<String> response = post(server.baseUri(), request);

        assertThat(response.statusCode()).as("key %s", ProductKeys.mask(key)).isEqualTo(403);
        assertThat(response.body()).isEqualTo(KEY_INVALID_BODY);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    private HttpResponse<String> post(URI baseUri, V1Request request) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(baseUri.resolve(V1Protocol.AUTHENTICATE_PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toJson()))
                .build();
        return http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String issue(LicenseStore store, Instant expiresAt) {
        String key = ProductKeys.generate();
        store.issue(new LicenseTerms(StartupKeys.DEFAULT_PRODUCT, "pro", List.of(), 1, expiresAt, null), key, ADMIN);
        return key;
    }

    private static License license(LicenseStore store, String key) {
        return store.findByKey(key).orElseThrow();
    }

    private static List<AuditEvent> v1Events(LicenseStore store, String key, AuditAction action) {
        List<AuditEvent> events = store.audit(AuditFilter.forLicense(license(store, key).id()).withAction(action));
        assertThat(events).extracting(AuditEvent::actor).containsOnly(LicenseStore.V1_CLIENT_ACTOR);
        return events;
    }

    private static List<String> failureDetails(LicenseStore store, String key) {
        return v1Events(store, key, AuditAction.KEY_CHECK_FAILURE).stream().map(AuditEvent::detail).toList();
    }
}
