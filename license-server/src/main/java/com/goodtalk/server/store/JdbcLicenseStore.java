package com.goodtalk.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/**
 * The {@link LicenseStore} on a JDBC connection pool, for SQLite and PostgreSQL alike; the
 * {@link SqlDialect} holds what differs. Open one with {@link LicenseStores}.
 */
final class JdbcLicenseStore implements LicenseStore {

    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final Transactions transactions;
    private final SchemaMigrator migrator;
    private final ProductKeyHasher hasher;
    private final Clock clock;
    private final LicenseRows licenses;
    private final AuditLog audit;
    private final SeatAllocator seats;
    private final SeenNonces nonces = new SeenNonces();

    /** Takes over {@code dataSource} and closes it when the store closes, or when migrating fails here. */
    JdbcLicenseStore(HikariDataSource dataSource, SqlDialect dialect, StoreConfig config) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.transactions = new Transactions(dataSource, dialect, config.maxAttempts(), config.retryBaseDelay());
        this.migrator = new SchemaMigrator(dataSource, dialect);
        this.hasher = new ProductKeyHasher(config.keyPepper(), config.keyNormalizer());
        this.clock = config.clock();
        this.licenses = new LicenseRows(dialect);
        this.audit = new AuditLog(dialect);
        this.seats = new SeatAllocator(transactions, hasher, clock, licenses, new ActivationRows(dialect), audit);
        try {
            migrate();
        } catch (RuntimeException failure) {
            dataSource.close();
            throw failure;
        }
    }

    @Override
    public int migrate() {
        try {
            return migrator.migrate();
        } catch (FlywayException failure) {
            throw new StoreException("Migrating the " + dialect.displayName() + " license store schema failed: "
                    + failure.getMessage() + " Restore the database from a backup or fix the schema by hand.", failure);
        }
    }

    @Override
    public List<SchemaMigration> migrationHistory() {
        try {
            return migrator.history();
        } catch (FlywayException failure) {
            throw new StoreException("Reading the " + dialect.displayName() + " schema history failed: "
                    + failure.getMessage() + " Check that the database is reachable.", failure);
        }
    }

    @Override
    public Product createProduct(String code, String name) {
        StoreLimits.requireProductCode(code);
        StoreLimits.requireName("product name", name);
        return transactions.write("Creating a product", connection -> {
            if (licenses.findProduct(connection, code).isPresent()) {
                throw new ConflictException("A product with code '" + code + "' exists. Pick another code.");
            }
            return licenses.insertProduct(connection, code, name);
        });
    }

    @Override
    public Optional<Product> findProduct(String code) {
        return transactions.read("Finding a product", connection -> licenses.findProduct(connection, code));
    }

    @Override
    public List<Product> listProducts() {
        return transactions.read("Listing products", licenses::listProducts);
    }

    @Override
    public License issue(LicenseTerms terms, String productKey, String actor) {
        return store(terms, hasher.forIssue(productKey), false, actor);
    }

    @Override
    public License importKey(LicenseTerms terms, String legacyKey, String actor) {
        return store(terms, hasher.forImport(legacyKey), true, actor);
    }

    private License store(LicenseTerms terms, ProductKeyHasher.HashedKey key, boolean imported, String actor) {
        StoreLimits.requireActor(actor);
        StoreLimits.requireTerms(terms, now());
        String operation = imported ? "Importing a license" : "Issuing a license";
        return transactions.write(operation, connection -> {
            Instant now = now();
            Product product = licenses.findProduct(connection, terms.productCode()).orElseThrow(() ->
                    new NotFoundException("No product has code '" + terms.productCode()
                            + "'. Create the product first, or use one of the listed products."));
            if (licenses.hashExists(connection, key.hash())) {
                throw new ConflictException("A license with this product key (" + key.masked()
                        + ") exists. Issue a different key.");
            }
            long licenseId = licenses.insert(connection, key, imported, product, terms, now);
            audit.append(connection, now, actor, imported ? AuditAction.IMPORT : AuditAction.ISSUE, licenseId,
                    (imported ? "Imported legacy key " : "Issued key ") + key.masked() + " for " + product.code()
                            + " " + terms.edition() + ", " + terms.seatLimit() + " seats, expires "
                            + (terms.expiresAt() == null ? "never" : terms.expiresAt().toString()));
            return licenses.require(connection, licenseId);
        });
    }

    @Override
    public Optional<License> findByKey(String productKey) {
        List<String> hashes = hasher.lookupHashes(productKey);
        return transactions.read("Finding a license by key", connection -> {
            Optional<Long> licenseId = licenses.findIdByHashes(connection, hashes, false);
            return licenseId.isEmpty() ? Optional.empty() : licenses.find(connection, licenseId.get());
        });
    }

    @Override
    public List<License> list(LicenseFilter filter) {
        return transactions.read("Listing licenses", connection -> licenses.list(connection, filter));
    }

    @Override
    public License show(long licenseId) {
        return transactions.read("Reading a license", connection -> licenses.require(connection, licenseId));
    }

    @Override
    public License suspend(long licenseId, String actor) {
        return changeStatus(licenseId, actor, LicenseStatus.SUSPENDED, AuditAction.SUSPENSION);
    }

    @Override
    public License reinstate(long licenseId, String actor) {
        return changeStatus(licenseId, actor, LicenseStatus.ACTIVE, AuditAction.REINSTATEMENT);
    }

    @Override
    public License revoke(long licenseId, String actor) {
        return changeStatus(licenseId, actor, LicenseStatus.REVOKED, AuditAction.REVOCATION);
    }

    private License changeStatus(long licenseId, String actor, LicenseStatus target, AuditAction action) {
        StoreLimits.requireActor(actor);
        return transactions.write("Changing a license's status", connection -> {
            licenses.lock(connection, licenseId);
            License license = licenses.require(connection, licenseId);
            LicenseStatusRules.requireAllowed(license, target);
            Instant now = now();
            licenses.updateStatus(connection, licenseId, target, now);
            audit.append(connection, now, actor, action, licenseId,
                    "Status " + license.status().code() + " -> " + target.code() + " for " + license.maskedKey());
            return licenses.require(connection, licenseId);
        });
    }

    @Override
    public License extend(long licenseId, Instant newExpiry, String actor) {
        StoreLimits.requireActor(actor);
        if (newExpiry == null) {
            throw new IllegalArgumentException("The new expiry is missing. Give the time the license should expire.");
        }
        Instant expiry = newExpiry.truncatedTo(ChronoUnit.MILLIS);
        return transactions.write("Extending a license", connection -> {
            licenses.lock(connection, licenseId);
            License license = licenses.require(connection, licenseId);
            Instant now = now();
            LicenseStatusRules.requireExtensible(license, expiry, now);
            licenses.updateExpiry(connection, licenseId, expiry, now);
            audit.append(connection, now, actor, AuditAction.EXTENSION, licenseId,
                    "Expiry " + license.expiresAt() + " -> " + expiry + " for " + license.maskedKey());
            return licenses.require(connection, licenseId);
        });
    }

    @Override
    public ActivationResult activate(String productKey, String machine) {
        return seats.activate(productKey, machine);
    }

    @Override
    public ValidationResult validate(String productKey, String machine) {
        return seats.validate(productKey, machine);
    }

    @Override
    public KeyCheckResult checkKey(String productKey, String actor) {
        return seats.checkKey(productKey, actor);
    }

    @Override
    public ValidationResult validateById(long licenseId, String machine) {
        return seats.validateById(licenseId, machine);
    }

    @Override
    public DeactivationOutcome deactivate(String productKey, String machine) {
        return seats.deactivate(productKey, machine);
    }

    @Override
    public DeactivationOutcome deactivateById(long licenseId, String machine) {
        return seats.deactivateById(licenseId, machine);
    }

    @Override
    public List<Activation> listActivations(long licenseId) {
        ActivationRows activations = new ActivationRows(dialect);
        return transactions.read("Listing activations", connection -> {
            licenses.require(connection, licenseId);
            return activations.list(connection, licenseId);
        });
    }

    @Override
    public Activation release(long activationId, String actor) {
        return seats.release(activationId, actor);
    }

    @Override
    public boolean rememberNonce(String nonce, Instant expiresAt) {
        StoreLimits.requireNonce(nonce);
        if (expiresAt == null) {
            throw new IllegalArgumentException("The nonce's expiry is missing. Give the time until which it is kept.");
        }
        Instant now = clock.instant();
        if (nonces.purgeDue(now)) {
            transactions.write("Deleting expired nonces", connection -> nonces.purge(connection, now));
        }
        return transactions.write("Recording a nonce", connection -> nonces.record(connection, nonce, expiresAt, now));
    }

    @Override
    public long countNonces(String prefix, Instant now) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(now, "now");
        return transactions.read("Counting nonces", connection -> nonces.count(connection, prefix, now));
    }

    @Override
    public List<AuditEvent> audit(AuditFilter filter) {
        return transactions.read("Reading the audit log", connection -> audit.read(connection, filter));
    }

    @Override
    public void backup(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("Backup file " + target + " exists. Choose a new file name;"
                    + " the store does not overwrite files.");
        }
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("The directory of backup file " + target + " does not exist. Create it first.");
        }
        transactions.read("Backing up the database", connection -> {
            dialect.backup(connection, target);
            return null;
        });
    }

    @Override
    public IntegrityReport integrityCheck() {
        return transactions.read("Checking the database", dialect::integrityCheck);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Opens a raw connection for tests that inspect the schema. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
