package com.goodtalk.desktop;

import com.goodtalk.desktop.license.DataDirectory;
import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.machine.MachineIdSource;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import com.goodtalk.protocol.v2.V2RequestSigner;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what the clients need from the places outside the command line: the environment, this
 * machine's identifier and the keys built into the jar. Tests replace each of them.
 */
final class ClientSetup {

    private final Map<String, String> environment;
    private final MachineIdSource machineIds;
    private final URL builtInKeys;
    private final Clock clock;

    /**
     * Creates a setup.
     *
     * @param environment the environment variables
     * @param machineIds  the source of this machine's identifier
     * @param builtInKeys the key set resource built into the jar, or null if there is none
     */
    ClientSetup(Map<String, String> environment, MachineIdSource machineIds, URL builtInKeys) {
        this(environment, machineIds, builtInKeys, Clock.systemUTC());
    }

    /** Creates a setup whose stored-license checks read {@code clock}, for tests of rollback and grace. */
    ClientSetup(Map<String, String> environment, MachineIdSource machineIds, URL builtInKeys, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.machineIds = Objects.requireNonNull(machineIds, "machineIds");
        this.builtInKeys = builtInKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the setup of this process: its environment, its operating system's machine id and the jar's keys. */
    static ClientSetup of(Map<String, String> environment) {
        return new ClientSetup(environment, () -> MachineIdSource.forCurrentOs().machineId(),
                TrustedKeysSource.class.getResource(TrustedKeysSource.RESOURCE));
    }

    /**
     * Resolves the v1 secret from {@code secretFile} or the environment.
     *
     * @throws IllegalArgumentException if a source is unusable; see {@link SecretSource#resolve}
     */
    ConfiguredSecret v1Secret(Path secretFile) {
        return SecretSource.V1.resolve(secretFile, environment);
    }

    /**
     * Resolves the pinned server keys from {@code keysFile}, the environment or the jar.
     *
     * @throws IllegalArgumentException if a source is set but unusable; see {@link TrustedKeysSource}
     */
    Optional<TrustedKeys> trustedKeys(Path keysFile) {
        return TrustedKeysSource.resolve(keysFile, environment, builtInKeys);
    }

    /**
     * Resolves the v2 settings from the given options, the environment and this machine.
     *
     * @param options     the v2 options, with each missing one defaulted
     * @param trustedKeys the keys {@link #trustedKeys(Path)} found
     * @throws IllegalArgumentException      if the client secret, key id or product id is unusable
     * @throws MachineIdUnavailableException if this machine's identifier cannot be read
     */
    V2Settings v2(V2Options options, TrustedKeys trustedKeys) throws MachineIdUnavailableException {
        ConfiguredSecret clientSecret = SecretSource.V2_CLIENT.resolve(options.clientSecretFile(), environment);
        String clientKeyId = options.clientKeyId();
        if (clientKeyId.isBlank()) {
            throw new IllegalArgumentException("--client-key-id is blank. Give the key id under which the server"
                    + " stores the v2 client secret; the server's default is \"" + V2Options.DEFAULT_CLIENT_KEY_ID
                    + "\".");
        }
        try {
            // The signer checks the key id, so a bad one is reported now and names its option.
            new V2RequestSigner(clientKeyId, clientSecret.secret(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--client-key-id: " + e.getMessage(), e);
        }
        String productId = options.productId();
        String machine;
        try {
            machine = MachineFingerprint.of(productId, machineIds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The product id \"" + productId + "\" given with --product-id cannot"
                    + " be used: " + e.getMessage() + ".", e);
        }
        return new V2Settings(clientKeyId, clientSecret, trustedKeys, machine, AppVersion.appClaim());
    }

    /**
     * Returns the offline check of the stored license of {@code productId}, in {@code dataDir} or
     * else in the user's data directory.
     *
     * @throws IllegalArgumentException if the product id cannot name a file or there is no home directory
     */
    StoredLicenseCheck storedLicense(Path dataDir, V2Settings settings, String productId) {
        Path directory = dataDir != null ? dataDir : DataDirectory.forCurrentUser(environment);
        LicenseStorage storage = new LicenseStorage(directory);
        storage.certificateFile(productId);
        return new StoredLicenseCheck(storage, productId, settings.trustedKeys().keys(), settings.machine(), clock,
                StoredLicenseCheck.DEFAULT_GRACE);
    }

    /** Returns the message for a machine whose identifier cannot be read. */
    static String machineIdMessage(MachineIdUnavailableException e) {
        return "Could not compute this machine's fingerprint, which protocol v2 sends with each request: "
                + e.getMessage() + (e.getMessage().endsWith(".") ? "" : ".")
                + " Fix the machine id, or use --protocol v1, which does not send a fingerprint.";
    }
}
