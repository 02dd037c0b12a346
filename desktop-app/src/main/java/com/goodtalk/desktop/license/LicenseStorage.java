package com.goodtalk.desktop.license;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files of the stored license in one data directory: one certificate file per product id
 * ({@code <product id>.license}, the compact JWS the server issued) and a state file
 * ({@code state}) with the latest time this app has seen, for clock rollback detection.
 *
 * <p>Nothing secret is stored: no product key, no client secret. Each file is written to a
 * temporary file in the same directory and moved into place, so a crash leaves the old file or
 * the new one, never half of one. Where the file system is POSIX, the directory is readable by
 * its owner only ({@code rwx------}) and each file too ({@code rw-------}).
 */
public final class LicenseStorage {

    /** The product ids that can name a file on every supported operating system. */
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private static final String CERTIFICATE_SUFFIX = ".license";
    private static final String STATE_FILE = "state";
    private static final String LAST_SEEN = "last-seen=";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;

    /** Creates a storage in {@code directory}, which is created with the first write. */
    public LicenseStorage(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    }

    /** Returns the data directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the certificate file of {@code productId}.
     *
     * @throws IllegalArgumentException if the product id cannot name a file
     */
    public Path certificateFile(String productId) {
        Objects.requireNonNull(productId, "productId");
        if (!PRODUCT_ID.matcher(productId).matches()) {
            throw new IllegalArgumentException("The product id \"" + productId + "\" cannot name a license file; use 1"
                    + " to 100 characters of A-Z a-z 0-9 . _ - that start with a letter or digit.");
        }
        return directory.resolve(productId + CERTIFICATE_SUFFIX);
    }

    /**
     * Reads the stored certificate of {@code productId}.
     *
     * @return the certificate text, or empty if none is stored
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public Optional<String> readCertificate(String productId) {
        Path file = certificateFile(productId);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the stored license " + file + ": " + e.getMessage()
                    + ". Check the file's permissions, or delete it and activate again.", e);
        }
    }

    /**
     * Stores {@code compactJws} as the certificate of {@code productId}, replacing the old one atomically.
     *
     * @throws UncheckedIOException if the directory or the file cannot be written
     */
    public void writeCertificate(String productId, String compactJws) {
        Objects.requireNonNull(compactJws, "compactJws");
        writeAtomically(certificateFile(productId), compactJws + "\n");
    }

    /**
     * Deletes the stored certificate of {@code productId}.
     *
     * @return whether a certificate was stored
     * @throws UncheckedIOException if the file exists but cannot be deleted
     */
    public boolean removeCertificate(String productId) {
        Path file = certificateFile(productId);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the stored license " + file + ": " + e.getMessage()
                    + ". Delete it by hand.", e);
        }
    }

    /**
     * Returns the latest time this app has recorded, or empty before the first record. A state
     * file that cannot be read or parsed counts as empty, because the certificate's issue time
     * still bounds a rollback.
     */
    public Optional<Instant> lastSeen() {
        Path file = directory.resolve(STATE_FILE);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.startsWith(LAST_SEEN)) {
                    return Optional.of(Instant.ofEpochSecond(Long.parseLong(line.substring(LAST_SEEN.length()).strip())));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Records {@code seen} unless a later time is already recorded, so the state keeps the latest time.
     *
     * @return the time now recorded
     * @throws UncheckedIOException if the state file cannot be written
     */
    public Instant recordSeen(Instant seen) {
        Objects.requireNonNull(seen, "seen");
        Optional<Instant> before = lastSeen();
        if (before.isPresent() && !seen.isAfter(before.get())) {
            return before.get();
        }
        writeAtomically(directory.resolve(STATE_FILE), LAST_SEEN + seen.getEpochSecond() + "\n");
        return seen;
    }

    private void writeAtomically(Path target, String text) {
        try {
            createDirectory();
            Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            try {
                restrictToOwner(temporary, OWNER_FILE);
                Files.writeString(temporary, text, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage() + ". Check that the"
                    + " directory " + directory + " is writable, or choose another with --data-dir.", e);
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(directory + " exists but is not a directory", e);
        }
        restrictToOwner(directory, OWNER_DIRECTORY);
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(permissions);
        }
    }
}
