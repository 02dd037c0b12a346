package com.goodtalk.server.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The license server's persistence: products, licenses, machine activations and the audit log.
 *
 * <p>The store never keeps a product key. It keeps an HMAC-SHA256 of the normalised key under a
 * server-side key pepper, and a masked form for display, so a leaked database leaks no keys.
 * Every method that takes a key hashes it before it reaches SQL and never logs it.
 *
 * <p>Seat limits hold across threads and across server instances that share one database, because
 * every activation locks the license in the database (a {@code BEGIN IMMEDIATE} transaction on
 * SQLite, {@code SELECT ... FOR UPDATE} on PostgreSQL). Open a store with {@link LicenseStores}:
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.builder(Secret.ofBytes(pepperBytes)).build();
 * try (LicenseStore store = LicenseStores.sqlite(Path.of("/var/lib/goodtalk"), config)) {
 *     store.createProduct("goodtalk-desktop", "GoodTalk Desktop");
 *     store.issue(new LicenseTerms("goodtalk-desktop", "pro", List.of("export"), 3, null, null),
 *             "GT7Q-...", "admin");
 *     ActivationResult result = store.activate("GT7Q-...", machineFingerprint);
 * }
 * }</pre>
 *
 * <p>Errors: bad arguments raise {@link IllegalArgumentException}, unknown ids and codes raise
 * {@link NotFoundException}, duplicates and forbidden status changes raise {@link ConflictException},
 * and database failures raise {@link StoreException}. Every message names the value and the fix.
 * Implementations are thread-safe.
 */
public interface LicenseStore extends AutoCloseable {

    /** The actor recorded in the audit log for client requests (activate, validate, deactivate). */
    String CLIENT_ACTOR = "client";

    /** The actor recorded in the audit log for v1 requests, which carry no machine fingerprint. */
    String V1_CLIENT_ACTOR = "client:v1";

    /**
     * Applies the schema migrations that the database lacks. Opening a store already does this;
     * call it again after a database was restored from an older backup.
     *
     * @return the number of migrations applied, 0 when the schema was current
     */
    int migrate();

    /**
     * Lists the schema migrations that the database has applied, oldest first, and marks those that
     * this store instance applied, so an administrator can see what opening the store changed.
     */
    List<SchemaMigration> migrationHistory();

    // Products

    /**
     * Creates a product.
     *
     * @param code 1 to 64 characters of lower-case letters, digits, '.', '_' or '-', starting with a
     *     letter or digit
     * @throws ConflictException if a product with this code exists
     */
    Product createProduct(String code, String name);

    /** Finds a product by its code. */
    Optional<Product> findProduct(String code);

    /** Lists all products in code order. */
    List<Product> listProducts();

    // Licenses

    /**
     * Issues a license for a new product key. The key is normalised with the configured normaliser
     * before it is hashed, so clients may type it in any form that normaliser accepts.
     *
     * @param actor the administrator, recorded in the audit log
     * @throws NotFoundException if the product does not exist
     * @throws ConflictException if a license with this key exists
     * @throws IllegalArgumentException if the terms are invalid (seats below 1, expiry in the past,
     *     blank edition) or the normaliser rejects the key
     */
    License issue(LicenseTerms terms, String productKey, String actor);

    /**
     * Imports a key from the legacy system as it is, without normalising it: only whitespace around
     * it is dropped. Clients must then type it exactly, apart from surrounding whitespace.
     *
     * @throws NotFoundException if the product does not exist
     * @throws ConflictException if a license with this key exists
     */
    License importKey(LicenseTerms terms, String legacyKey, String actor);

    /** Finds the license of a product key, issued or imported. An ill-formed key finds nothing. */
    Optional<License> findByKey(String productKey);

    /** Lists licenses in ascending id order. */
    List<License> list(LicenseFilter filter);

    /**
     * Returns one license.
     *
     * @throws NotFoundException if no license has this id
     */
    License show(long licenseId);

    /**
     * Suspends an active license. Machines keep their seats but cannot activate or validate.
     *
     * @throws ConflictException if the license is not active
     */
    License suspend(long licenseId, String actor);

    /**
     * Makes a suspended license active again.
     *
     * @throws ConflictException if the license is not suspended
     */
    License reinstate(long licenseId, String actor);

    /**
     * Revokes a license for good.
     *
     * @throws ConflictException if the license is already revoked
     */
    License revoke(long licenseId, String actor);

    /**
     * Moves a license's expiry time later. An expired license becomes usable again.
     *
     * @throws IllegalArgumentException if {@code newExpiry} is not in the future or not after the
     *     current expiry
     * @throws ConflictException if the license is revoked or never expires
     */
    License extend(long licenseId, Instant newExpiry, String actor);

    // Activations

    /**
     * Gives {@code machine} a seat on the license of {@code productKey}, or finds the seat it holds.
     * Rejections are returned as outcomes, not thrown, and recorded in the audit log.
     *
     * @param machine the machine fingerprint, 1 to {@value StoreLimits#MAX_MACHINE_LENGTH} printable
     *     characters
     * @throws IllegalArgumentException if the machine fingerprint is blank, too long or has control
     *     characters
     */
    ActivationResult activate(String productKey, String machine);

    /**
     * Checks that the license is usable and that {@code machine} holds a seat, and records the time
     * as the machine's last seen time when it does. Rejections are recorded in the audit log.
     */
    ValidationResult validate(String productKey, String machine);

    /**
     * Checks that {@code productKey} names a license that is active and unexpired, for a client that
     * sends no machine fingerprint. It takes, holds and counts no seat. Every check, passed or not, is
     * recorded in the audit log under {@code actor}.
     *
     * @param actor the client kind recorded in the audit log, such as {@link #V1_CLIENT_ACTOR}
     * @throws IllegalArgumentException if the actor is blank, too long or has control characters
     */
    KeyCheckResult checkKey(String productKey, String actor);

    /**
     * Validates like {@link #validate} but finds the license by its id, as a license certificate
     * names it, for a client that re-validates without the product key.
     *
     * @return {@link ValidationOutcome#KEY_INVALID} if no license has this id
     */
    ValidationResult validateById(long licenseId, String machine);

    /** Gives back the seat that {@code machine} holds on the license of {@code productKey}. */
    DeactivationOutcome deactivate(String productKey, String machine);

    /**
     * Gives back the seat that {@code machine} holds on the license with this id, as a license
     * certificate names it.
     *
     * @return {@link DeactivationOutcome#KEY_INVALID} if no license has this id
     */
    DeactivationOutcome deactivateById(long licenseId, String machine);

    /**
     * Lists a license's activations, current and past, in ascending id order.
     *
     * @throws NotFoundException if no license has this id
     */
    List<Activation> listActivations(long licenseId);

    /**
     * Frees a machine's seat on an administrator's order, for a machine that cannot deactivate itself.
     *
     * @throws NotFoundException if no activation has this id
     * @throws ConflictException if the seat was already given back
     */
    Activation release(long activationId, String actor);

    // Replay protection

    /**
     * Records a request id, such as a v2 {@code jti}, until {@code expiresAt}, unless it is recorded
     * and unexpired already. Atomic across threads and across server instances sharing the database:
     * of several calls with one nonce, exactly one returns true. Expired nonces are deleted now and then.
     *
     * @param nonce 1 to {@value StoreLimits#MAX_NONCE_LENGTH} characters without control characters
     * @return true if the nonce was not recorded before (or only with a passed expiry)
     * @throws IllegalArgumentException if the nonce is blank, too long or has control characters
     */
    boolean rememberNonce(String nonce, Instant expiresAt);

    /** Counts the recorded nonces that start with {@code prefix} and have not expired at {@code now}. */
    long countNonces(String prefix, Instant now);

    // Audit and maintenance

    /** Reads the audit log, newest entry first. */
    List<AuditEvent> audit(AuditFilter filter);

    /**
     * Writes a consistent copy of the database to {@code file} while the store stays in use.
     *
     * @throws IllegalArgumentException if {@code file} exists or its directory does not
     * @throws UnsupportedOperationException on PostgreSQL, which is backed up with pg_dump
     */
    void backup(Path file);

    /**
     * Checks the database file for corruption.
     *
     * @throws UnsupportedOperationException on PostgreSQL, which is checked with pg_amcheck
     */
    IntegrityReport integrityCheck();

    /** Closes the connection pool. Calls after closing fail. */
    @Override
    void close();
}
