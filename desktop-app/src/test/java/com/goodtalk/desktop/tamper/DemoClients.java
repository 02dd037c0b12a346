package com.goodtalk.desktop.tamper;

import com.goodtalk.desktop.Protocol;
import com.goodtalk.protocol.client.ActivationClient;
import com.goodtalk.protocol.client.V1Client;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import com.goodtalk.server.testing.RunningServer;
import java.net.URI;
import java.time.Duration;

/** Clients of a {@link RunningServer} for the tamper demonstration tests, pointed at the proxy's URL. */
final class DemoClients {

    /** The machine of every tamper test, so that a recording exchange and the tampered one share a seat. */
    private static final String MACHINE_ID = "fedcba9876543210fedcba9876543210";

    private DemoClients() {
    }

    /** Returns a client of {@code protocol} for {@code base} that {@code server} accepts. */
    static ActivationClient client(RunningServer server, Protocol protocol, URI base, Duration timeout) {
        return switch (protocol) {
            case V1 -> V1Client.builder().server(base).secret(server.secret()).timeout(timeout).build();
            case V2 -> V2Client.builder()
                    .server(base)
                    .clientKeyId(server.clientKeyId())
                    .clientSecret(server.clientSecret())
                    .pinnedKeys(server.jwks())
                    .machine(machine())
                    .app("GoodTalk tamper test/1.0")
                    .timeout(timeout)
                    .build();
        };
    }

    private static String machine() {
        try {
            return MachineFingerprint.of("goodtalk-demo", () -> MACHINE_ID);
        } catch (MachineIdUnavailableException e) {
            throw new IllegalStateException("The fixed test machine id was refused", e);
        }
    }
}
