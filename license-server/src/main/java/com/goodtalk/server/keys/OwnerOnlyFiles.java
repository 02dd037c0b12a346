package com.goodtalk.server.keys;

import com.goodtalk.server.keys.SigningKeyStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Writes files that only their owner may read, and checks that a private key file is not open
 * to other users, on file systems with POSIX permissions.
 *
 * <p>NOTE: on file systems without POSIX permissions, such as NTFS on Windows, files keep the
 * permissions they inherit from their directory, and no check runs when they are read. There the
 * operator must restrict the data directory with the system's own tools.
 */
public final class OwnerOnlyFiles {

    /** {@code rw-------}: the owner reads and writes, and no other user has access. */
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    /** {@code rwx------}: the owner lists and changes the directory, and no other user has access. */
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
    public static void createDirectories(Path directory) throws IOException {
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
     * Checks that a private key file is a regular file, not a symbolic link, that the user running
     * the server owns it, and that no other user has any permission on it: reading would leak the
     * key, and writing would let another user replace it with one of their own.
     *
     * @throws SigningKeyStoreException with {@link Reason#UNREADABLE} naming the {@code chmod} or
     *                                  {@code chown} command that fixes it
     */
    static void requireOwnerOnly(Path file) throws SigningKeyStoreException {
        PosixFileAttributes attributes = ownedRegularFile(file, "private key file");
        if (attributes == null) {
            return;
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(OwnerOnlyFiles::isGroupOrOthers)) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The private key file " + file + " is open to"
                    + " other users (permissions " + PosixFilePermissions.toString(permissions) + "), so the server"
                    + " refuses to use it. Restrict it to its owner with: chmod 600 " + file
                    + ". If others could read it, treat the key as leaked and rotate it.");
        }
    }

    /**
     * Checks that a file the server trusts, such as the file naming the active key, is a regular
     * file, not a symbolic link, owned by the user running the server, and not writable by group
     * or others.
     *
     * @throws SigningKeyStoreException with {@link Reason#UNREADABLE} naming the fix
     */
    static void requireOwnedNotWritableByOthers(Path file, String description) throws SigningKeyStoreException {
        PosixFileAttributes attributes = ownedRegularFile(file, description);
        if (attributes == null) {
            return;
        }
        if (isWritableByOthers(attributes.permissions())) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The " + description + " " + file + " is writable"
                    + " by other users (permissions " + PosixFilePermissions.toString(attributes.permissions())
                    + "), so the server refuses to use it. Restrict it with: chmod 600 " + file);
        }
    }

    /**
     * Checks that no user other than the owner can write {@code directory}, because such a user
     * could replace the key files in it. Does nothing where POSIX permissions do not exist.
     *
     * @throws SigningKeyStoreException with {@link Reason#UNREADABLE} naming the {@code chmod}
     *                                  command that fixes it
     */
    static void requireDirectoryNotWritableByOthers(Path directory, String description)
            throws SigningKeyStoreException {
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "Cannot read the permissions of the " + description
                    + " " + directory + ": " + e.getClass().getSimpleName() + ". Check that this user may access it.",
                    e);
        }
        if (isWritableByOthers(permissions)) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The " + description + " " + directory
                    + " is writable by other users (permissions " + PosixFilePermissions.toString(permissions)
                    + "), who could replace the signing keys in it, so the server refuses to use it. Restrict it"
                    + " with: chmod go-w " + directory);
        }
    }

    /**
     * Reads the POSIX attributes of {@code file} without following a symbolic link, and checks
     * that it is a regular file owned by the user running the server.
     *
     * @return the attributes, or null where POSIX permissions do not exist
     */
    private static PosixFileAttributes ownedRegularFile(Path file, String description)
            throws SigningKeyStoreException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return null;
        }
        PosixFileAttributes attributes;
        UserPrincipal processUser;
        try {
            attributes = view.readAttributes();
            processUser = file.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "Cannot read the permissions of the " + description
                    + " " + file + ": " + e.getClass().getSimpleName() + ". Check that the file exists and"
                    + " that this user may access its directory.", e);
        }
        if (attributes.isSymbolicLink()) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The " + description + " " + file + " is a"
                    + " symbolic link, so the server refuses to use it, because whoever controls the target controls"
                    + " the key. Replace the link with the file itself: cp --remove-destination \"$(readlink -f "
                    + file + ")\" " + file);
        }
        if (!attributes.isRegularFile()) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The " + description + " " + file + " is not a"
                    + " regular file. Move it away and restore the file the key commands wrote.");
        }
        if (!attributes.owner().equals(processUser)) {
            throw new SigningKeyStoreException(Reason.UNREADABLE, "The " + description + " " + file + " is owned by "
                    + attributes.owner().getName() + ", not by " + processUser.getName() + ", the user running the"
                    + " server, so the server refuses to use it. If the file is trusted, take it over with: chown "
                    + processUser.getName() + " " + file);
        }
        return attributes;
    }

    private static boolean isWritableByOthers(Set<PosixFilePermission> permissions) {
        return permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean isGroupOrOthers(PosixFilePermission permission) {
        return switch (permission) {
            case GROUP_READ, GROUP_WRITE, GROUP_EXECUTE, OTHERS_READ, OTHERS_WRITE, OTHERS_EXECUTE -> true;
            case OWNER_READ, OWNER_WRITE, OWNER_EXECUTE -> false;
        };
    }
}
