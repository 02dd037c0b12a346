package com.goodtalk.server.admin;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.server.keys.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the key pepper: the secret under which the license store hashes product keys.
 *
 * <p>The sources, in order: the environment variable {@value #ENVIRONMENT_VARIABLE}, else the file
 * given as {@code --key-pepper-file}, else the file {@value #FILE_NAME} in the data directory. That
 * last file is created on first use with 32 random bytes as base64url text, readable by its owner
 * only where the file system has POSIX permissions. The pepper is the UTF-8 text with surrounding
 * whitespace removed, at least {@value #MIN_CHARS} characters.
 *
 * <p>Every server instance and admin command on one database must use the same pepper, or the
 * keys issued by one are unknown to the others. Several instances sharing PostgreSQL therefore
 * share the pepper through the environment variable or a copied file.
 */
public final class KeyPepper {

    /** The environment variable that contains the pepper as text. */
    public static final String ENVIRONMENT_VARIABLE = "GOODTALK_KEY_PEPPER";

    /** The pepper file's name in the data directory. */
    public static final String FILE_NAME = "key-pepper.secret";

    /** The shortest accepted pepper, in characters. */
    public static final int MIN_CHARS = 32;

    private static final int GENERATED_BYTES = 32;

    private final Secret secret;
    private final String source;
    private final boolean created;

    private KeyPepper(Secret secret, String source, boolean created) {
        this.secret = secret;
        this.source = source;
        this.created = created;
    }

    /**
     * Loads the pepper from the first source that is set, creating the data directory's pepper file
     * when no source is.
     *
     * @param environment the process environment
     * @param pepperFile the file given as {@code --key-pepper-file}, or {@code null}
     * @param dataDirectory the data directory, created if missing when the pepper file is created
     * @throws IllegalArgumentException if both the variable and a file are given, or the pepper is too short
     * @throws IOException if a pepper file cannot be read or created
     */
    public static KeyPepper load(Map<String, String> environment, Path pepperFile, Path dataDirectory)
            throws IOException {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && pepperFile != null) {
            throw new IllegalArgumentException("Both " + ENVIRONMENT_VARIABLE + " and --key-pepper-file " + pepperFile
                    + " are set. Give the key pepper in one of them only.");
        }
        if (fromEnvironment != null) {
            return new KeyPepper(checked(fromEnvironment, "The environment variable " + ENVIRONMENT_VARIABLE),
                    "the environment variable " + ENVIRONMENT_VARIABLE, false);
        }
        if (pepperFile != null) {
            return new KeyPepper(read(pepperFile), "the file " + pepperFile.toAbsolutePath(), false);
        }
        Path defaultFile = dataDirectory.resolve(FILE_NAME).toAbsolutePath();
        boolean created = !Files.exists(defaultFile) && create(defaultFile);
        return new KeyPepper(read(defaultFile), "the file " + defaultFile, created);
    }

    /** Returns the pepper. */
    public Secret secret() {
        return secret;
    }

    /** Returns where the pepper came from, such as {@code the file /var/lib/goodtalk/key-pepper.secret}. */
    public String source() {
        return source;
    }

    /** Tells whether this call created a new pepper file. */
    public boolean created() {
        return created;
    }

    private static Secret read(Path file) throws IOException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("Cannot read the key pepper file " + file.toAbsolutePath() + " (" + e + ")."
                    + " Check the path and that this user may read it.", e);
        }
        return checked(text, "The key pepper file " + file.toAbsolutePath());
    }

    private static Secret checked(String text, String source) {
        String pepper = text.strip();
        if (pepper.length() < MIN_CHARS) {
            throw new IllegalArgumentException(source + " contains " + pepper.length() + " characters; a key pepper needs"
                    + " at least " + MIN_CHARS + ". Use random text, such as the output of"
                    + " 'openssl rand -base64 32'. Never change the pepper of a database that has licenses.");
        }
        return Secret.ofUtf8(pepper);
    }

    /**
     * Writes a new pepper to a temporary file and links it into place, so a process that reads the
     * file at the same moment reads either no file or the whole pepper.
     *
     * @return false if another process created the file first
     */
    private static boolean create(Path file) throws IOException {
        Path directory = file.getParent();
        OwnerOnlyFiles.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp", ownerOnly(directory));
        try {
            Files.writeString(temporary, Nonces.randomUrlSafe(GENERATED_BYTES) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException | FileSystemException linkFailure) {
                if (linkFailure instanceof FileAlreadyExistsException) {
                    return false;
                }
                // No hard links here (some network and Windows file systems), so move without replacing.
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException raced) {
                    return false;
                }
            }
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) throws IOException {
        if (!Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> readWrite = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(readWrite)};
    }

    /** Prints the source only: the pepper itself stays out of logs and messages. */
    @Override
    public String toString() {
        return "KeyPepper[from " + source + "]";
    }
}
