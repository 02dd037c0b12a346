package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.store.PostgresDatabases;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 50 machines activate one 3-seat key at the same moment over real HTTP: exactly 3 get
 * {@code activated}, the other 47 {@code seat_limit_reached}, and none a 5xx or another status.
 * Once with one server on SQLite, once with two server instances sharing one PostgreSQL database,
 * the requests alternating between them.
 */
@ExtendWith(PostgresDatabases.class)
class SeatConcurrencyHttpTest {

    private static final int MACHINES = 50;
    private static final int SEATS = 3;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sqliteServerGrantsExactlyThreeSeats() throws Exception {
        RunningServer server = RunningServer.builder().build();
        server.start();
        try {
            String key = issue(server);

            Map<String, Integer> statuses = activateInParallel(key, List.of(server));

            assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("activated", SEATS,
                    "seat_limit_reached", MACHINES - SEATS));
            assertThat(server.licenseStore().findByKey(key).orElseThrow().seatsUsed()).isEqualTo(SEATS);
        } finally {
            server.stop();
        }
    }

    @Test
    void twoPostgresInstancesGrantExactlyThreeSeats(
            PostgresDatabases.Database database) throws Exception {
        Secret pepper = Secret.ofUtf8(Nonces.randomUrlSafe(32));
        SigningKeys signingKeys = SigningKeys.of(ServerSigningKey.generate());
        RunningServer first = postgresInstance(database, pepper, signingKeys);
        RunningServer second = postgresInstance(database, pepper, signingKeys);
        first.start();
        second.start();
        try {
            String key = issue(first);

            Map<String, Integer> statuses = activateInParallel(key, List.of(first, second));

            assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("activated", SEATS,
                    "seat_limit_reached", MACHINES - SEATS));
            assertThat(second.licenseStore().findByKey(key).orElseThrow().seatsUsed()).isEqualTo(SEATS);
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static RunningServer postgresInstance(PostgresDatabases.Database database, Secret pepper,
                                                  SigningKeys signingKeys) {
        return RunningServer.builder()
                .postgres(database.jdbcUrl(), database.user(), database.password())
                .keyPepper(pepper)
                .signingKeys(signingKeys)
                .clientKeyId("test-client")
                .build();
    }

    private static String issue(RunningServer server) {
        String key = ProductKeys.generate();
        server.licenseStore().issue(new LicenseTerms(StartupKeys.DEFAULT_PRODUCT, "pro", List.of(), SEATS, null,
                null), key, "concurrency-test");
        return key;
    }

    /**
     * Sends one activation per machine, all released at once, spread over {@code servers} in turn,
     * and counts the verified replies by status. Every request must finish within {@link #RUN_LIMIT}.
     */
    private Map<String, Integer> activateInParallel(String key, List<RunningServer> servers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(MACHINES);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SignedExchange.Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < MACHINES; i++) {
                RunningServer target = servers.get(i % servers.size());
                SignedExchange exchange = new SignedExchange(http, target.baseUri(), new V2RequestSigner(
                        target.clientKeyId(), target.clientSecret(), Clock.systemUTC()), target.jwks());
                String machine = MachineFingerprint.SCHEME + ":" + Nonces.randomUrlSafe(32);
                replies.add(pool.submit(() -> {
                    start.await();
                    return exchange.send(V2Operation.ACTIVATE, key, machine);
                }));
            }
            start.countDown();
            Map<String, Integer> statuses = new TreeMap<>();
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            for (Future<SignedExchange.Reply> reply : replies) {
                SignedExchange.Reply answer = reply.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(answer.httpStatus()).as(answer.message()).isLessThan(500);
                statuses.merge(answer.status(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
