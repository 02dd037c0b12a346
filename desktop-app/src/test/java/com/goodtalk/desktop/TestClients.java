package com.goodtalk.desktop;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import com.goodtalk.server.testing.RunningServer;
import java.time.Duration;
import java.util.List;

/** Client settings and protocol options for the window tests, built from a {@link RunningServer}. */
final class TestClients {

    /** The machine id of the test machine, so that tests do not depend on this computer's. */
    static final String MACHINE_ID = "0123456789abcdef0123456789abcdef";

    private TestClients() {
    }

    /** Returns the fingerprint of a test machine; each distinct {@code machineId} is another machine. */
    static String machine(String machineId) {
        try {
            return MachineFingerprint.of(V2Options.DEFAULT_PRODUCT_ID, () -> machineId);
        } catch (MachineIdUnavailableException e) {
            throw new IllegalArgumentException("The test machine id " + machineId + " is not 32 hex digits", e);
        }
    }

    /** Returns the v2 settings that {@code server} accepts, pinning {@code pinned}. */
    static V2Settings v2Settings(RunningServer server, JsonWebKeySet pinned) {
        return new V2Settings(server.clientKeyId(),
                new ConfiguredSecret(server.clientSecret(), "the test server", SecretSource.V2_CLIENT),
                new TrustedKeys(pinned, "the test server"), machine(MACHINE_ID), AppVersion.appClaim());
    }

    /** Returns the window's protocols for {@code server}: v2 pinning {@code pinned}, then v1. */
    static List<ProtocolOption> options(RunningServer server, JsonWebKeySet pinned) {
        V2Settings v2 = v2Settings(server, pinned);
        ConfiguredSecret v1 = new ConfiguredSecret(server.secret(), "the test server");
        return List.of(
                ProtocolOption.available(Protocol.V2, ClientFactories.v2(v2, Duration.ofSeconds(10)), v2.statusText()),
                ProtocolOption.available(Protocol.V1, ClientFactories.v1(v1.secret(), Duration.ofSeconds(10)),
                        v1.statusText()));
    }

    /** Returns the window's protocols for {@code server}, pinning its own keys. */
    static List<ProtocolOption> options(RunningServer server) {
        return options(server, server.jwks());
    }
}
