package com.goodtalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks that closing the proxy ends every thread it started. */
class TamperingProxyThreadsTest {

    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .filter(name -> !name.startsWith(TestClient.THREAD_PREFIX) && !name.startsWith("test-upstream"))
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void closeLeavesNoThreadRunning() throws Exception {
        TestClient.warmUp();
        try (TestUpstream upstream = TestUpstream.start()) {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

            TamperingProxy proxy = TamperingProxy.start(upstream.baseUri());
            for (int i = 0; i < 4; i++) {
                TestClient.send("POST", URI.create(proxy.baseUri() + "/echo"), "text/plain", "x" + i);
            }
            assertThat(threadsStartedSince(before)).anyMatch(name -> name.startsWith("tampering-proxy-"));
            proxy.close();

            // NOTE: on Java 17 the HttpClient's selector thread ends only once the client is garbage
            // collected, so each poll requests a collection.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).pollInSameThread()
                    .untilAsserted(() -> {
                System.gc();
                assertThat(threadsStartedSince(before)).as("threads left after close").isEmpty();
            });
        }
    }
}
