package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the v1 secret in a file named on the command line or in the environment variable
 * {@value #ENV_VARIABLE}, and otherwise falls back to the public proof-of-concept secret with a
 * warning.
 *
 * <p>It reads a secret file the way the license server does, so one file serves both: the bytes
 * of the file, without the line breaks at its end, which editors add.
 */
public final class SecretSource {

    /** The environment variable that contains the v1 secret as text. */
    public static final String ENV_VARIABLE = "GOODTALK_V1_SECRET";

    /** The largest secret file read; a real secret is a few dozen bytes. */
    static final int MAX_FILE_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(SecretSource.class);

    private SecretSource() {
    }

    /**
     * Resolves the secret.
     *
     * @param secretFile  the file given with {@code --secret-file}, or null
     * @param environment the process environment
     * @throws IllegalArgumentException if both sources are set, the file cannot be read or the
     *                                  secret is empty, with a message that names the source and the fix
     */
    public static ConfiguredSecret resolve(Path secretFile, Map<String, String> environment) {
        String fromEnvironment = environment.get(ENV_VARIABLE);
        if (secretFile != null && fromEnvironment != null) {
            throw new IllegalArgumentException("Both " + ENV_VARIABLE + " and --secret-file " + secretFile
                    + " are set. Give the secret in one of them only.");
        }
        if (secretFile != null) {
            return new ConfiguredSecret(readSecretFile(secretFile), "file " + secretFile);
        }
        if (fromEnvironment != null) {
            if (fromEnvironment.isEmpty()) {
                throw new IllegalArgumentException("The environment variable " + ENV_VARIABLE
                        + " is set but empty. Put the v1 secret in it, or unset it to use the public demo secret.");
            }
            return new ConfiguredSecret(Secret.ofUtf8(fromEnvironment), "environment variable " + ENV_VARIABLE);
        }
        LOG.warn("No v1 secret configured, so the client signs with the public proof-of-concept demo secret."
                + " Anyone can forge replies for it. Set {} or use --secret-file.", ENV_VARIABLE);
        return new ConfiguredSecret(Secret.proofOfConceptDemo(), "demo secret");
    }

    private static Secret readSecretFile(Path file) {
        byte[] content;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("The secret file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes. Check that --secret-file names the file that contains only the v1 secret.");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The secret file " + file + " does not exist."
                    + " Check the path given with --secret-file.", e);
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
                    + " Write the v1 secret into it.");
        }
        byte[] secretBytes = Arrays.copyOf(content, length);
        Arrays.fill(content, (byte) 0);
        Secret secret = Secret.ofBytes(secretBytes);
        Arrays.fill(secretBytes, (byte) 0);
        return secret;
    }
}
