package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the v1 secret: a file named on the command line first, then the environment variable
 * {@value #ENV_VARIABLE}, and otherwise the public proof-of-concept secret with a warning.
 *
 * <p>The v1 protocol keys its HMAC with the UTF-8 bytes of a text, so a secret file contains
 * that text. One line break at its end is ignored, because editors add one.
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
     * @throws IllegalArgumentException if the file cannot be read or the secret is empty, with
     *                                  a message that names the file or variable and the fix
     */
    public static ConfiguredSecret resolve(Path secretFile, Map<String, String> environment) {
        if (secretFile != null) {
            return new ConfiguredSecret(Secret.ofUtf8(readSecretFile(secretFile)), "file " + secretFile);
        }
        String fromEnvironment = environment.get(ENV_VARIABLE);
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

    private static String readSecretFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("The secret file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes. Check that --secret-file names the file that holds only the v1 secret.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The secret file " + file + " does not exist."
                    + " Check the path given with --secret-file.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the secret file " + file + ": " + e.getMessage()
                    + ". Check that the path names a readable file.", e);
        }
        String text = decodeUtf8(file, bytes);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("The secret file " + file + " is empty."
                    + " Write the v1 secret into it as text.");
        }
        return text;
    }

    private static String decodeUtf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The secret file " + file + " is not UTF-8 text."
                    + " The v1 secret is a text; save the file as UTF-8.", e);
        }
    }
}
