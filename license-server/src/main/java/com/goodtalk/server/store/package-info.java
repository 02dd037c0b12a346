/**
 * The license store: products, licenses, machine activations and an append-only audit log, kept
 * in SQLite (one server instance) or PostgreSQL (several instances sharing one database).
 *
 * <h2>Opening a store</h2>
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.builder(keyPepper)        // a Secret kept outside the database
 *         .keyNormalizer(ProductKeys::normalize)             // once the product-key library exists
 *         .build();
 * LicenseStore store = LicenseStores.sqlite(dataDirectory, config);          // file goodtalk.db
 * LicenseStore shared = LicenseStores.postgres("jdbc:postgresql://db:5432/goodtalk", user, password, config);
 * }</pre>
 *
 * <p>Opening migrates the schema with Flyway (scripts under {@code migration/sqlite} and
 * {@code migration/postgresql} next to these classes); {@link com.goodtalk.server.store.LicenseStore#migrate()}
 * runs it again on demand. The store owns its connection pool, so close it on shutdown.
 *
 * <h2>Mapping results to a protocol</h2>
 *
 * <p>{@code activate}, {@code validate} and {@code deactivate} return outcomes instead of throwing,
 * and each outcome has a {@code code()} such as {@code seat_limit_reached} for the wire. Admin
 * operations throw: {@link java.lang.IllegalArgumentException} for bad input,
 * {@link com.goodtalk.server.store.NotFoundException} for an unknown id or code,
 * {@link com.goodtalk.server.store.ConflictException} for a duplicate or a forbidden status
 * change, and {@link com.goodtalk.server.store.StoreException} when the database fails. Messages
 * never contain a product key, so they may be shown to administrators and logged.
 *
 * <h2>Keys</h2>
 *
 * <p>The database holds an HMAC-SHA256 of each normalised key under the key pepper and a masked
 * form ({@code GT7Q-****}). Losing the pepper or changing the normaliser makes every issued key
 * unfindable, so both are fixed for the life of a database. Legacy keys imported with
 * {@code importKey} are hashed as typed and are not affected by the normaliser.
 *
 * <h2>Concurrency</h2>
 *
 * <p>Seat limits are enforced by the database, not by Java locks: SQLite write transactions begin
 * with {@code BEGIN IMMEDIATE}, and PostgreSQL transactions lock the license row with
 * {@code SELECT ... FOR UPDATE}. Busy SQLite locks and PostgreSQL serialisation failures are
 * retried a bounded number of times ({@link com.goodtalk.server.store.StoreConfig#maxAttempts()}).
 * Validation also writes (the last-seen time), so on SQLite it waits for the write lock too.
 *
 * <p>NOTE: every rejected activation or validation and every v1 key check appends an audit row,
 * including those for unknown keys, so the audit log grows with every bad request. The server's
 * per-address rate limit ({@code --rate-limit}) bounds how fast one address adds rows, not how
 * many addresses add them.
 */
package com.goodtalk.server.store;
