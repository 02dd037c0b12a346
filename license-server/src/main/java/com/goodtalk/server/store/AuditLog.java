package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the append-only audit log. Entries are written in the transaction of the change they
 * describe, so a change and its entry are stored together or not at all. Callers never pass a
 * product key into a detail.
 */
final class AuditLog {

    private final SqlDialect dialect;

    AuditLog(SqlDialect dialect) {
        this.dialect = dialect;
    }

    void append(Connection connection, Instant now, String actor, AuditAction action, Long licenseId, String detail)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_log (occurred_at, actor, action, license_id, detail) VALUES (?, ?, ?, ?, ?)")) {
            dialect.setInstant(insert, 1, now);
            insert.setString(2, actor);
            insert.setString(3, action.code());
            if (licenseId == null) {
                insert.setNull(4, Types.BIGINT);
            } else {
                insert.setLong(4, licenseId);
            }
            insert.setString(5, detail);
            insert.executeUpdate();
        }
    }

    List<AuditEvent> read(Connection connection, AuditFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT id, occurred_at, actor, action, license_id, detail FROM audit_log WHERE 1 = 1");
        if (filter.licenseId() != null) {
            sql.append(" AND license_id = ?");
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
        }
        if (filter.since() != null) {
            sql.append(" AND occurred_at >= ?");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");

        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (filter.licenseId() != null) {
                select.setLong(index++, filter.licenseId());
            }
            if (filter.action() != null) {
                select.setString(index++, filter.action().code());
            }
            if (filter.since() != null) {
                dialect.setInstant(select, index++, filter.since());
            }
            select.setInt(index, filter.limit());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long licenseId = row.getLong("license_id");
                    Long nullableLicenseId = row.wasNull() ? null : licenseId;
                    events.add(new AuditEvent(
                            row.getLong("id"),
                            dialect.getInstant(row, "occurred_at"),
                            row.getString("actor"),
                            AuditAction.fromCode(row.getString("action")),
                            nullableLicenseId,
                            row.getString("detail")));
                }
            }
        }
        return events;
    }
}
