package com.goodtalk.desktop;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the license server's public keys that protocol v2 pins, as a JSON Web Key Set. The first
 * source that is set wins:
 * <ol>
 *   <li>the file given with {@code --trusted-keys};</li>
 *   <li>the environment variable {@value #ENV_VARIABLE}: the path of such a file, or the key set
 *       itself when the value starts with <code>{</code>;</li>
 *   <li>the resource {@value #RESOURCE}, which a vendor builds into the jar.</li>
 * </ol>
 *
 * <p>The client never fetches keys from the server while it runs: a man in the middle could
 * serve his own key there, so only keys shipped with the client or given by its user count.
 */
public final class TrustedKeysSource {

    /** The environment variable with the path of the key set file, or the key set itself. */
    public static final String ENV_VARIABLE = "GOODTALK_TRUSTED_KEYS";

    /** The class path resource that contains the key set built into the jar; absent unless a vendor adds it. */
    public static final String RESOURCE = "/com/goodtalk/desktop/trusted-keys.jwks";

    /** The server command that writes the key set file. */
    static final String EXPORT_COMMAND = "java -jar license-server.jar keys export-jwks FILE";

    /** The largest key set read; one Ed25519 key takes about 150 bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private TrustedKeysSource() {
    }

    /**
     * Resolves the keys from the command line, the process environment or the jar.
     *
     * @param keysFile    the file given with {@code --trusted-keys}, or null
     * @param environment the process environment
     * @return the keys, or empty if no source is set
     * @throws IllegalArgumentException if a source is set but cannot be read or is not a valid key
     *                                  set, with a message that names the source and the fix
     */
    public static Optional<TrustedKeys> resolve(Path keysFile, Map<String, String> environment) {
        return resolve(keysFile, environment, TrustedKeysSource.class.getResource(RESOURCE));
    }

    /** Resolves the keys as {@link #resolve(Path, Map)} does, with {@code builtIn} in place of the jar's resource. */
    static Optional<TrustedKeys> resolve(Path keysFile, Map<String, String> environment, URL builtIn) {
        Objects.requireNonNull(environment, "environment");
        if (keysFile != null) {
            return Optional.of(readFile(keysFile, "--trusted-keys"));
        }
        String fromEnvironment = environment.get(ENV_VARIABLE);
        if (fromEnvironment != null) {
            String value = fromEnvironment.strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("The environment variable " + ENV_VARIABLE + " is set but empty."
                        + " Set it to the path of the server's key set file, or unset it.");
            }
            if (value.startsWith("{")) {
                return Optional.of(parse(value, "environment variable " + ENV_VARIABLE,
                        "Set " + ENV_VARIABLE + " to the output of: " + EXPORT_COMMAND));
            }
            return Optional.of(readFile(Path.of(value), "the environment variable " + ENV_VARIABLE));
        }
        if (builtIn != null) {
            return Optional.of(readBuiltIn(builtIn));
        }
        return Optional.empty();
    }

    /** Returns the message for protocol v2 without pinned keys, naming the ways to give them. */
    static String missingKeysMessage() {
        return "Protocol v2 needs the license server's public keys, and none are pinned. Pass --trusted-keys FILE"
                + " with the key set that the server writes with '" + EXPORT_COMMAND + "' (or with --jwks-out FILE"
                + " when it starts), or set " + ENV_VARIABLE + " to that file's path. Use --protocol v1 for a server"
                + " that speaks only v1.";
    }

    /** Returns the window's message for protocol v2 without pinned keys. */
    static String missingKeysWindowMessage() {
        return "Protocol v2 needs the license server's public keys, and none are pinned. Start the app with"
                + " --trusted-keys FILE, where FILE is the key set the server writes with '" + EXPORT_COMMAND
                + "', or choose v1.";
    }

    private static TrustedKeys readFile(Path file, String givenWith) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException("The trusted keys file " + file + " is larger than " + MAX_BYTES
                        + " bytes. Check that " + givenWith + " names the key set the server exported.");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("The trusted keys file " + file + " does not exist. Check the path"
                    + " given with " + givenWith + ", or export the file with: " + EXPORT_COMMAND, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the trusted keys file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check that " + givenWith + " names a readable file.", e);
        }
        return parse(text, "file " + file, "Export the file again with: " + EXPORT_COMMAND);
    }

    private static TrustedKeys readBuiltIn(URL resource) {
        byte[] content;
        try (InputStream in = resource.openStream()) {
            content = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("Could not read the trusted keys built into the app (" + resource
                    + "). Pass --trusted-keys FILE instead.", e);
        }
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("The trusted keys built into the app (" + resource + ") are larger"
                    + " than " + MAX_BYTES + " bytes. Rebuild the app with the key set the server exported,"
                    + " or pass --trusted-keys FILE.");
        }
        return parse(new String(content, StandardCharsets.UTF_8), "the keys built into the app",
                "Rebuild the app with the key set the server exported, or pass --trusted-keys FILE.");
    }

    private static TrustedKeys parse(String json, String origin, String fix) {
        try {
            return new TrustedKeys(JsonWebKeySet.parse(json), origin);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("The trusted keys from " + origin + " are not a valid key set: "
                    + e.getMessage() + " " + fix, e);
        }
    }
}
