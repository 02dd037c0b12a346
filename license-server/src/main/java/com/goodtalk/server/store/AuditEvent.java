package com.goodtalk.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the append-only audit log. The detail never contains a product key.
 *
 * @param id the database id; later entries have larger ids
 * @param occurredAt when the store recorded the entry
 * @param actor who acted: the administrator name passed in, or {@link LicenseStore#CLIENT_ACTOR} for
 *     client requests
 * @param action what happened
 * @param licenseId the license concerned, or {@code null} when no license matched a key
 * @param detail a sentence for people, such as the machine and the seat count
 */
public record AuditEvent(long id, Instant occurredAt, String actor, AuditAction action, Long licenseId, String detail) {

    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }
}
