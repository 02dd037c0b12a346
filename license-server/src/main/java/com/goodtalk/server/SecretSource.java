package com.goodtalk.server;

import com.goodtalk.protocol.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a secret in an environment variable or in a secret file, and rejects a setup that gives
 * both: the v1 shared secret in {@value #ENVIRONMENT_VARIABLE} or {@code --secret-file}, the v2
 * client secret in {@value #V2_CLIENT_ENVIRONMENT_VARIABLE} or {@code --client-secret-file}.
 */
final class SecretSource {

    /** The environment variable that contains the v1 shared secret as text. */
    static final String ENVIRONMENT_VARIABLE = "GOODTALK_V1_SECRET";

    /** The environment variable that contains the v2 client secret as text. */
    static final String V2_CLIENT_ENVIRONMENT_VARIABLE = "GOODTALK_V2_CLIENT_SECRET";

    private SecretSource() {
    }

    /**
     * Returns the configured v1 secret, or empty if neither source is set.
     *
     * @param secretFile  the file named by {@code --secret-file}, or null
     * @param environment the process environment
     * @throws StartupException if both sources are set, a source is empty, or the file cannot be read
     */
    static Optional<Secret> find(Path secretFile, Map<String, String> environment) throws StartupException {
        return find(ENVIRONMENT_VARIABLE, "--secret-file", secretFile, environment);
    }

    /**
     * Returns the configured v2 client secret, or empty if neither source is set.
     *
     * @param secretFile  the file named by {@code --client-secret-file}, or null
     * @param environment the process environment
     * @throws StartupException if both sources are set, a source is empty, or the file cannot be read
     */
    static Optional<Secret> findV2Client(Path secretFile, Map<String, String> environment) throws StartupException {
        return find(V2_CLIENT_ENVIRONMENT_VARIABLE, "--client-secret-file", secretFile, environment);
    }

    private static Optional<Secret> find(String variable, String option, Path secretFile,
                                         Map<String, String> environment) throws StartupException {
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null && secretFile != null) {
            throw new StartupException(ExitCodes.USAGE, "Both " + variable + " and " + option + " "
                    + secretFile + " are set. Give the secret in one of them only.");
        }
        if (fromEnvironment != null) {
            if (fromEnvironment.isEmpty()) {
                throw new StartupException(ExitCodes.USAGE, variable + " is set but empty."
                        + " Set it to the shared secret, or unset it and use " + option + ".");
            }
            return Optional.of(Secret.ofUtf8(fromEnvironment));
        }
        if (secretFile != null) {
            return Optional.of(readFile(option, secretFile));
        }
        return Optional.empty();
    }

    private static Secret readFile(String option, Path secretFile) throws StartupException {
        byte[] content;
        try {
            content = Files.readAllBytes(secretFile);
        } catch (IOException e) {
            throw new StartupException(ExitCodes.NO_INPUT, "Cannot read the secret file " + secretFile + ": "
                    + e.getClass().getSimpleName() + ". Check the path given to " + option + " and its permissions.");
        }
        int length = content.length;
        // Editors end files with a newline, which is not part of the secret.
        while (length > 0 && (content[length - 1] == '\n' || content[length - 1] == '\r')) {
            length--;
        }
        if (length == 0) {
            throw new StartupException(ExitCodes.DATA_ERROR, "The secret file " + secretFile + " is empty."
                    + " Write the shared secret into it, ideally 32 or more random characters.");
        }
        byte[] secretBytes = Arrays.copyOf(content, length);
        Arrays.fill(content, (byte) 0);
        Secret secret = Secret.ofBytes(secretBytes);
        Arrays.fill(secretBytes, (byte) 0);
        return secret;
    }
}
