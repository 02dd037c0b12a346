package com.goodtalk.server.keys;

import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.keys.SigningKeyStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's Ed25519 reply signing keys on disk, in the data directory.
 *
 * <pre>
 * DATA_DIR/signing-keys/              rwx------
 * DATA_DIR/signing-keys/KID.pem       rw-------  PKCS#8 private key, KID = its RFC 7638 thumbprint
 * DATA_DIR/signing-keys/active        the KID of the key that signs replies, one line
 * DATA_DIR/signing-keys/retired/      keys moved here by {@link #retire(String)}, no longer published
 * </pre>
 *
 * <p>Every {@code *.pem} file directly in {@code signing-keys/} is published; the one named in
 * {@code active} also signs. A private key file that group or others may access is rejected,
 * because anyone who reads it can forge every reply. So are a data directory or key directory that
 * group or others may write, and a key file or {@code active} file that is a symbolic link or is
 * owned by another user, because whoever controls them can swap in their own key. A running server reads the store once at
 * start, so changes take effect at the next start.
 *
 * <p>NOTE: two commands that change the same store at the same moment can lose one change; run
 * key commands one at a time.
 */
public final class SigningKeyStore {

    /** The subdirectory of the data directory that contains the keys. */
    public static final String DIRECTORY = "signing-keys";

    /** The file in {@link #DIRECTORY} that names the active key. */
    static final String ACTIVE_FILE = "active";

    /** The subdirectory of {@link #DIRECTORY} that retired keys are moved to. */
    static final String RETIRED_DIRECTORY = "retired";

    private static final String PRIVATE_KEY_SUFFIX = ".pem";

    private final Path dataDir;
    private final Path directory;

    /** Creates a store over {@code dataDir}; nothing is read or created until a method needs it. */
    public SigningKeyStore(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.directory = dataDir.resolve(DIRECTORY);
    }

    /** Returns the data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Returns the directory that contains the keys, {@code DATA_DIR/signing-keys}. */
    public Path directory() {
        return directory;
    }

    /** Returns the private key file of {@code keyId}. */
    public Path privateKeyFile(String keyId) {
        return directory.resolve(keyId + PRIVATE_KEY_SUFFIX);
    }

    /**
     * Reads the keys, or returns empty if the store has none yet.
     *
     * @throws SigningKeyStoreException if a file is unreadable, open to other users or invalid,
     *                                  or the active key is missing while other keys exist
     */
    public Optional<SigningKeys> load() throws SigningKeyStoreException {
        if (Files.isDirectory(dataDir)) {
            OwnerOnlyFiles.requireDirectoryNotWritableByOthers(dataDir, "data directory");
        }
        if (!Files.exists(directory)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(directory)) {
            throw new SigningKeyStoreException(Reason.INVALID, directory + " is not a directory. Move it away so"
                    + " that the key commands can create the directory of signing keys there.");
        }
        OwnerOnlyFiles.requireDirectoryNotWritableByOthers(directory, "signing key directory");
        Map<String, ServerSigningKey> keysById = readPrivateKeys();
        Path activeFile = directory.resolve(ACTIVE_FILE);
        if (keysById.isEmpty()) {
            if (Files.exists(activeFile)) {
                throw new SigningKeyStoreException(Reason.INVALID, activeFile + " names an active key, but "
                        + directory + " has no private key file. Restore the key file, or delete " + activeFile
                        + " and generate a new key with: " + generateCommand());
            }
            return Optional.empty();
        }

        String activeId = readActiveKeyId(activeFile);
        ServerSigningKey active = keysById.get(activeId);
        if (active == null) {
            throw new SigningKeyStoreException(Reason.INVALID, activeFile + " names the key " + activeId
                    + ", but there is no " + privateKeyFile(activeId) + ". Write the id of an existing key into "
                    + activeFile + ", or make a new active key with: " + rotateCommand());
        }
        List<ServerPublicKey> older = new ArrayList<>();
        keysById.forEach((id, key) -> {
            if (!id.equals(activeId)) {
                older.add(key.publicKey());
            }
        });
        return Optional.of(SigningKeys.of(active, older));
    }

    /**
     * Reads the keys and fails if there are none.
     *
     * @throws SigningKeyStoreException with {@link Reason#MISSING} naming the command that
     *                                  creates a key, or as {@link #load()} does
     */
    public SigningKeys require() throws SigningKeyStoreException {
        Optional<SigningKeys> keys = load();
        if (keys.isEmpty()) {
            throw new SigningKeyStoreException(Reason.MISSING, "No signing key in " + directory
                    + ". Create one with: " + generateCommand());
        }
        return keys.get();
    }

    /**
     * Generates a new key and makes it active. Keys already in the store stay published, so this
     * works on an empty store and on one with keys alike.
     *
     * @return the keys after the change; the new key is {@link SigningKeys#active()}
     * @throws SigningKeyStoreException if the existing keys cannot be read or the new files cannot be written
     */
    public SigningKeys generate() throws SigningKeyStoreException {
        Optional<SigningKeys> existing = load();
        ServerSigningKey key = ServerSigningKey.generate();
        String keyId = key.publicKey().thumbprint();
        try {
            OwnerOnlyFiles.createDirectories(directory);
            OwnerOnlyFiles.createOwnerOnly(privateKeyFile(keyId), key.toPkcs8Pem());
            OwnerOnlyFiles.replace(directory.resolve(ACTIVE_FILE), keyId + "\n", OwnerOnlyFiles.OWNER_READ_WRITE);
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.NOT_WRITABLE, "Cannot write the new signing key into "
                    + directory + ": " + describe(e) + ". Check that this user may create files there.", e);
        }
        List<ServerPublicKey> older = existing.map(keys -> keys.jwks().keys()).orElse(List.of());
        return SigningKeys.of(key, older);
    }

    /**
     * Replaces the active key with a new one; the old public keys stay published until retired.
     *
     * @throws SigningKeyStoreException with {@link Reason#MISSING} if the store has no key yet,
     *                                  because rotating nothing usually means a wrong data directory
     */
    public SigningKeys rotate() throws SigningKeyStoreException {
        require();
        return generate();
    }

    /**
     * Stops publishing a key that is not active, by moving its file to {@code signing-keys/retired/}.
     * Clients that pin only this key can no longer verify replies.
     *
     * @throws SigningKeyStoreException with {@link Reason#REFUSED} for the active key and
     *                                  {@link Reason#MISSING} for a key the store does not publish
     */
    public SigningKeys retire(String keyId) throws SigningKeyStoreException {
        Objects.requireNonNull(keyId, "keyId");
        SigningKeys keys = require();
        if (keyId.equals(keys.activeKeyId())) {
            throw new SigningKeyStoreException(Reason.REFUSED, "The key " + keyId + " is the active key, which signs"
                    + " every reply. Make a new active key first with: " + rotateCommand()
                    + ", then retire this one.");
        }
        if (!keys.keyIds().contains(keyId)) {
            throw new SigningKeyStoreException(Reason.MISSING, "No published key has the id \"" + keyId + "\" in "
                    + directory + ". The published keys are: " + String.join(", ", keys.keyIds()) + ".");
        }
        Path retiredDirectory = directory.resolve(RETIRED_DIRECTORY);
        try {
            OwnerOnlyFiles.createDirectories(retiredDirectory);
            Files.move(privateKeyFile(keyId), retiredDirectory.resolve(keyId + PRIVATE_KEY_SUFFIX),
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.NOT_WRITABLE, "Cannot move " + privateKeyFile(keyId) + " into "
                    + retiredDirectory + ": " + describe(e) + ". Check that this user may change " + directory + ".",
                    e);
        }
        List<ServerPublicKey> remaining = keys.jwks().keys().stream()
                .filter(key -> !key.thumbprint().equals(keyId) && !key.thumbprint().equals(keys.activeKeyId()))
                .toList();
        return SigningKeys.of(keys.active(), remaining);
    }

    /** Returns the command that creates the first key in this store. */
    public String generateCommand() {
        return "license-server keys generate --data-dir " + dataDir;
    }

    private String rotateCommand() {
        return "license-server keys rotate --data-dir " + dataDir;
    }

    /** Reads every private key file, sorted by key id so that the published order is stable. */
    private Map<String, ServerSigningKey> readPrivateKeys() throws SigningKeyStoreException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + PRIVATE_KEY_SUFFIX)) {
            for (Path entry : entries) {
                // A symbolic link is listed too, so that reading it fails instead of skipping it.
                if (Files.isRegularFile(entry) || Files.isSymbolicLink(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "Cannot list " + directory + ": " + describe(e)
                    + ". Check that this user may read the directory.", e);
        }
        files.sort(Comparator.comparing(file -> file.getFileName().toString()));

        Map<String, ServerSigningKey> keysById = new LinkedHashMap<>();
        for (Path file : files) {
            ServerSigningKey key = readPrivateKey(file);
            String keyId = key.publicKey().thumbprint();
            if (!file.getFileName().toString().equals(keyId + PRIVATE_KEY_SUFFIX)) {
                throw new SigningKeyStoreException(Reason.INVALID, "The private key file " + file + " contains the key "
                        + keyId + ", so its name must be " + keyId + PRIVATE_KEY_SUFFIX + ". Rename it, and the key"
                        + " id in " + directory.resolve(ACTIVE_FILE) + " too if it names this key.");
            }
            keysById.put(keyId, key);
        }
        return keysById;
    }

    private static ServerSigningKey readPrivateKey(Path file) throws SigningKeyStoreException {
        OwnerOnlyFiles.requireOwnerOnly(file);
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "Cannot read the private key file " + file + ": "
                    + describe(e) + ". Check that it is the PEM file written by the key commands and that this user"
                    + " owns it.", e);
        }
        try {
            return ServerSigningKey.fromPkcs8Pem(pem);
        } catch (IllegalArgumentException e) {
            throw new SigningKeyStoreException(Reason.INVALID, "The private key file " + file + " is not an"
                    + " Ed25519 PKCS#8 PEM key: " + e.getMessage(), e);
        }
    }

    private String readActiveKeyId(Path activeFile) throws SigningKeyStoreException {
        if (Files.exists(activeFile, LinkOption.NOFOLLOW_LINKS)) {
            OwnerOnlyFiles.requireOwnedNotWritableByOthers(activeFile, "active key file");
        }
        String content;
        try {
            content = Files.readString(activeFile, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new SigningKeyStoreException(Reason.INVALID, directory + " has private keys but no file "
                    + ACTIVE_FILE + " naming the one that signs. Write the id of one key into " + activeFile
                    + ", or make a new active key with: " + rotateCommand(), e);
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "Cannot read " + activeFile + ": " + describe(e)
                    + ". It must contain the id of the active key, as the key commands write it.", e);
        }
        if (content.isEmpty() || content.contains("\n")) {
            throw new SigningKeyStoreException(Reason.INVALID, activeFile + " must contain exactly one key id on"
                    + " one line. Write the id of the key that signs replies into it.");
        }
        return content;
    }

    private static String describe(IOException error) {
        return error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + " (" + error.getMessage() + ")";
    }

    @Override
    public String toString() {
        return "SigningKeyStore[" + directory + "]";
    }
}
