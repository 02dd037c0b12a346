package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a secret in a file named on the command line or in an environment variable, and
 * otherwise falls back to the public proof-of-concept secret with a warning. {@link #V1} finds
 * the v1 secret and {@link #V2_CLIENT} the v2 client secret.
 *
 * <p>It reads a secret file the way the license server does, so one file serves both: the bytes
 * of the file, without the line breaks at its end, which editors add.
 *
 * <pre>{@code
 * ConfiguredSecret secret = SecretSource.V2_CLIENT.resolve(Path.of("client.secret"), System.getenv());
 * }</pre>
 */
public final class SecretSource {

    /** The environment variable that contains the v1 secret as text. */
    public static final String ENV_VARIABLE = "GOODTALK_V1_SECRET";

    /** The environment variable that contains the v2 client secret as text. */
    public static final String V2_ENV_VARIABLE = "GOODTALK_V2_CLIENT_SECRET";

    /** The v1 secret, which signs requests and replies alike. */
    public static final SecretSource V1 = new SecretSource("v1 secret", ENV_VARIABLE, "--secret-file",
            "Anyone can forge replies for it.");

    /** The v2 client secret, from which the request HMAC key is derived. */
    public static final SecretSource V2_CLIENT = new SecretSource("v2 client secret", V2_ENV_VARIABLE,
            "--client-secret-file", "Anyone can send requests as this client.");

    /** The largest secret file read; a real secret is a few dozen bytes. */
    static final int MAX_FILE_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(SecretSource.class);

    private final String name;
    private final String environmentVariable;
    private final String fileOption;
    private final String demoRisk;

    private SecretSource(String name, String environmentVariable, String fileOption, String demoRisk) {
        this.name = name;
        this.environmentVariable = environmentVariable;
        this.fileOption = fileOption;
        this.demoRisk = demoRisk;
    }

    /** Returns what the secret is called in messages, such as {@code v2 client secret}. */
    public String name() {
        return name;
    }

    /** Returns the environment variable that contains the secret as text. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** Returns the command-line option that names a file with the secret. */
    public String fileOption() {
        return fileOption;
    }

    /** Returns one sentence on what the public demo secret lets anyone do. */
    String demoRisk() {
        return demoRisk;
    }

    /**
     * Resolves the secret.
     *
     * @param secretFile  the file given with {@link #fileOption()}, or null
     * @param environment the process environment
     * @throws IllegalArgumentException if both sources are set, the file cannot be read or the
     *                                  secret is empty, with a message that names the source and the fix
     */
    public ConfiguredSecret resolve(Path secretFile, Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        String fromEnvironment = environment.get(environmentVariable);
        if (secretFile != null && fromEnvironment != null) {
            throw new IllegalArgumentException("Both " + environmentVariable + " and " + fileOption + " "
                    + secretFile + " are set. Give the " + name + " in one of them only.");
        }
        if (secretFile != null) {
            return new ConfiguredSecret(readSecretFile(secretFile), "file " + secretFile, this);
        }
        if (fromEnvironment != null) {
            if (fromEnvironment.isEmpty()) {
                throw new IllegalArgumentException("The environment variable " + environmentVariable
                        + " is set but empty. Put the " + name + " in it, or unset it to use the public demo secret.");
            }
            return new ConfiguredSecret(Secret.ofUtf8(fromEnvironment), "environment variable " + environmentVariable,
                    this);
        }
        LOG.warn("No {} configured, so the client signs with the public proof-of-concept demo secret. {}"
                + " Set {} or use {}.", name, demoRisk, environmentVariable, fileOption);
        return new ConfiguredSecret(Secret.proofOfConceptDemo(), "demo secret", this);
    }

    private Secret readSecretFile(Path file) {
        byte[] content;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("The secret file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes. Check that " + fileOption + " names the file that contains only the " + name + ".");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The secret file " + file + " does not exist."
                    + " Check the path given with " + fileOption + ".", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the secret file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check that the path names a readable file.", e);
        }
        int length = content.length;
        while (length > 0 && (content[length - 1] == '\n' || content[length - 1] == '\r')) {
            length--;
        }
        if (length == 0) {
            throw new IllegalArgumentException("The secret file " + file + " is empty."
                    + " Write the " + name + " into it.");
        }
        byte[] secretBytes = Arrays.copyOf(content, length);
        Arrays.fill(content, (byte) 0);
        Secret secret = Secret.ofBytes(secretBytes);
        Arrays.fill(secretBytes, (byte) 0);
        return secret;
    }

    @Override
    public String toString() {
        return "SecretSource[" + name + "]";
    }
}
