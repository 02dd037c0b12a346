package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SQL for the products and licenses tables. Every method runs on the caller's connection and transaction. */
final class LicenseRows {

    private static final String LICENSE_COLUMNS = "SELECT l.id, l.masked_key, l.origin, l.edition, l.features,"
            + " l.status, l.expires_at, l.seat_limit, l.note, l.created_at, l.updated_at,"
            + " p.id AS product_id, p.code AS product_code, p.name AS product_name,"
            + " (SELECT COUNT(*) FROM activations a WHERE a.license_id = l.id AND a.deactivated_at IS NULL) AS seats_used"
            + " FROM licenses l JOIN products p ON p.id = l.product_id";

    private final SqlDialect dialect;

    LicenseRows(SqlDialect dialect) {
        this.dialect = dialect;
    }

    Optional<Product> findProduct(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, code, name FROM products WHERE code = ?")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(product(row)) : Optional.empty();
            }
        }
    }

    List<Product> listProducts(Connection connection) throws SQLException {
        List<Product> products = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, code, name FROM products ORDER BY code");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                products.add(product(row));
            }
        }
        return products;
    }

    Product insertProduct(Connection connection, String code, String name) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO products (code, name) VALUES (?, ?) RETURNING id")) {
            insert.setString(1, code);
            insert.setString(2, name);
            return new Product(returnedId(insert), code, name);
        }
    }

    Optional<License> find(Connection connection, long licenseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LICENSE_COLUMNS + " WHERE l.id = ?")) {
            select.setLong(1, licenseId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(license(row)) : Optional.empty();
            }
        }
    }

    License require(Connection connection, long licenseId) throws SQLException {
        return find(connection, licenseId).orElseThrow(() -> unknownLicense(licenseId));
    }

    /**
     * Locks one license row until the transaction ends, so that seat counts and status changes of
     * this license happen one at a time.
     *
     * @throws NotFoundException if no license has this id
     */
    void lock(Connection connection, long licenseId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT l.id FROM licenses l WHERE l.id = ?" + dialect.lockRowsOf("l"))) {
            select.setLong(1, licenseId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw unknownLicense(licenseId);
                }
            }
        }
    }

    /**
     * Finds the license stored under one of {@code hashes}, preferring earlier hashes, and locks it
     * when {@code lock} is set.
     */
    Optional<Long> findIdByHashes(Connection connection, List<String> hashes, boolean lock) throws SQLException {
        if (hashes.isEmpty()) {
            return Optional.empty();
        }
        String placeholders = String.join(", ", Collections.nCopies(hashes.size(), "?"));
        String sql = "SELECT l.id, l.key_hash FROM licenses l WHERE l.key_hash IN (" + placeholders + ")"
                + (lock ? dialect.lockRowsOf("l") : "");
        Long bestId = null;
        int bestRank = Integer.MAX_VALUE;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < hashes.size(); i++) {
                select.setString(i + 1, hashes.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int rank = hashes.indexOf(row.getString("key_hash"));
                    if (rank < bestRank) {
                        bestRank = rank;
                        bestId = row.getLong("id");
                    }
                }
            }
        }
        return Optional.ofNullable(bestId);
    }

    boolean hashExists(Connection connection, String hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM licenses WHERE key_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    long insert(Connection connection, ProductKeyHasher.HashedKey key, boolean imported, Product product,
            LicenseTerms terms, Instant now) throws SQLException {
        String sql = "INSERT INTO licenses (key_hash, masked_key, origin, product_id, edition, features, status,"
                + " expires_at, seat_limit, note, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, key.hash());
            insert.setString(2, key.masked());
            insert.setString(3, imported ? "imported" : "issued");
            insert.setLong(4, product.id());
            insert.setString(5, terms.edition());
            insert.setString(6, FeatureListJson.encode(terms.features()));
            insert.setString(7, LicenseStatus.ACTIVE.code());
            dialect.setInstant(insert, 8, terms.expiresAt());
            insert.setInt(9, terms.seatLimit());
            insert.setString(10, terms.note());
            dialect.setInstant(insert, 11, now);
            dialect.setInstant(insert, 12, now);
            return returnedId(insert);
        }
    }

    void updateStatus(Connection connection, long licenseId, LicenseStatus status, Instant now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE licenses SET status = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, status.code());
            dialect.setInstant(update, 2, now);
            update.setLong(3, licenseId);
            update.executeUpdate();
        }
    }

    void updateExpiry(Connection connection, long licenseId, Instant expiresAt, Instant now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE licenses SET expires_at = ?, updated_at = ? WHERE id = ?")) {
            dialect.setInstant(update, 1, expiresAt);
            dialect.setInstant(update, 2, now);
            update.setLong(3, licenseId);
            update.executeUpdate();
        }
    }

    List<License> list(Connection connection, LicenseFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder(LICENSE_COLUMNS).append(" WHERE l.id > ?");
        List<String> textArguments = new ArrayList<>();
        if (filter.productCode() != null) {
            sql.append(" AND p.code = ?");
            textArguments.add(filter.productCode());
        }
        if (filter.status() != null) {
            sql.append(" AND l.status = ?");
            textArguments.add(filter.status().code());
        }
        sql.append(" ORDER BY l.id LIMIT ?");
        List<License> licenses = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setLong(index++, filter.afterId());
            for (String argument : textArguments) {
                select.setString(index++, argument);
            }
            select.setInt(index, filter.limit());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    licenses.add(license(row));
                }
            }
        }
        return licenses;
    }

    static NotFoundException unknownLicense(long licenseId) {
        return new NotFoundException("No license has id " + licenseId + ". List licenses to find the right id.");
    }

    /** Runs an {@code INSERT ... RETURNING id}, which SQLite (3.35 and later) and PostgreSQL both support. */
    static long returnedId(PreparedStatement insert) throws SQLException {
        try (ResultSet row = insert.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("INSERT ... RETURNING id returned no row");
            }
            return row.getLong(1);
        }
    }

    private static Product product(ResultSet row) throws SQLException {
        return new Product(row.getLong("id"), row.getString("code"), row.getString("name"));
    }

    private License license(ResultSet row) throws SQLException {
        Product product = new Product(row.getLong("product_id"), row.getString("product_code"), row.getString("product_name"));
        return new License(
                row.getLong("id"),
                row.getString("masked_key"),
                "imported".equals(row.getString("origin")),
                product,
                row.getString("edition"),
                FeatureListJson.decode(row.getString("features")),
                LicenseStatus.fromCode(row.getString("status")),
                dialect.getInstant(row, "expires_at"),
                row.getInt("seat_limit"),
                row.getInt("seats_used"),
                row.getString("note"),
                dialect.getInstant(row, "created_at"),
                dialect.getInstant(row, "updated_at"));
    }
}
