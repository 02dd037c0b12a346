package com.goodtalk.server.keys;

import com.goodtalk.server.keys.SigningKeyStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that only their owner may read, and checks that a private key file is not open
 * to other users, on file systems with POSIX permissions.
 *
 * <p>NOTE: on file systems without POSIX permissions, such as NTFS on Windows, files keep the
 * permissions they inherit from their directory, and no check runs when they are read. There the
 * operator must restrict the data directory with the system's own tools.
 */
final class OwnerOnlyFiles {

    /** {@code rw-------}: the owner reads and writes, nobody else has access. */
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    /** {@code rwx------}: the owner lists and changes the directory, nobody else has access. */
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** {@code rw-r--r--}: for public files such as a JWKS, which everyone may read. */
    static final Set<PosixFilePermission> PUBLIC_READ = PosixFilePermissions.fromString("rw-r--r--");

    private OwnerOnlyFiles() {
    }

    /** Tells whether the file system of {@code path} has POSIX permissions. */
    static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates {@code directory} and its missing parents; where POSIX permissions exist, the
     * directories it creates are {@code rwx------}. Existing directories keep their permissions.
     */
    static void createDirectories(Path directory) throws IOException {
        if (supportsPosix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Writes {@code content} as a new file that must not exist yet, readable by its owner only
     * where POSIX permissions exist. The permissions are set as the file is created, so no other
     * user can open it in between.
     *
     * @throws FileAlreadyExistsException if the file exists
     */
    static void createOwnerOnly(Path file, String content) throws IOException {
        if (supportsPosix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    /**
     * Replaces the content of {@code file} in one step: a reader sees the old content or the new,
     * never a part. The new file gets {@code permissions} where POSIX permissions exist.
     */
    static void replace(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        FileAttribute<?>[] attributes = supportsPosix(directory)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", attributes);
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            if (supportsPosix(temporary)) {
                // createTempFile's permissions pass through the umask; set them exactly for public files.
                Files.setPosixFilePermissions(temporary, permissions);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Checks that no user other than the owner has any permission on a private key file: reading
     * would leak the key, and writing would let another user replace it with one of their own.
     *
     * @throws SigningKeyStoreException with {@link Reason#UNREADABLE} if group or others have a
     *                                  permission, naming the {@code chmod} command that fixes it
     */
    static void requireOwnerOnly(Path file) throws SigningKeyStoreException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "Cannot read the permissions of the private key"
                    + " file " + file + ": " + e.getClass().getSimpleName() + ". Check that the file exists and"
                    + " that this user may access its directory.", e);
        }
        if (permissions.stream().anyMatch(OwnerOnlyFiles::isGroupOrOthers)) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The private key file " + file + " is open to"
                    + " other users (permissions " + PosixFilePermissions.toString(permissions) + "), so the server"
                    + " refuses to use it. Restrict it to its owner with: chmod 600 " + file
                    + ". If others could read it, treat the key as leaked and rotate it.");
        }
    }

    private static boolean isGroupOrOthers(PosixFilePermission permission) {
        return switch (permission) {
            case GROUP_READ, GROUP_WRITE, GROUP_EXECUTE, OTHERS_READ, OTHERS_WRITE, OTHERS_EXECUTE -> true;
            case OWNER_READ, OWNER_WRITE, OWNER_EXECUTE -> false;
        };
    }
}
