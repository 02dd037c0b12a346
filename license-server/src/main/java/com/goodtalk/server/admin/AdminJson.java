package com.goodtalk.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.goodtalk.server.store.Activation;
import com.goodtalk.server.store.AuditEvent;
import com.goodtalk.server.store.License;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON forms of licenses, activations and audit entries that {@code --format json} prints.
 * Member names are snake_case and times are ISO-8601 text in UTC, or {@code null} when unset.
 */
final class AdminJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private AdminJson() {
    }

    /** A license as JSON; {@code expired} is computed at the time of the command. */
    record LicenseJson(long id, String keyHint, boolean imported, String product, String productName, String edition,
                       List<String> features, String status, boolean expired, String expiresAt, int seatsUsed,
                       int seatLimit, String note, String createdAt, String updatedAt) {

        static LicenseJson of(License license, Instant now) {
            return new LicenseJson(license.id(), license.maskedKey(), license.imported(), license.product().code(),
                    license.product().name(), license.edition(), license.features(), license.status().code(),
                    license.isExpiredAt(now), text(license.expiresAt()), license.seatsUsed(), license.seatLimit(),
                    license.note(), text(license.createdAt()), text(license.updatedAt()));
        }
    }

    /** An activation as JSON. */
    record ActivationJson(long id, long licenseId, String machine, boolean active, String firstSeenAt,
                          String lastSeenAt, String deactivatedAt) {

        static ActivationJson of(Activation activation) {
            return new ActivationJson(activation.id(), activation.licenseId(), activation.machine(),
                    activation.isActive(), text(activation.firstSeenAt()), text(activation.lastSeenAt()),
                    text(activation.deactivatedAt()));
        }
    }

    /** An audit entry as JSON. */
    record AuditEventJson(long id, String occurredAt, String actor, String action, Long licenseId, String detail) {

        static AuditEventJson of(AuditEvent event) {
            return new AuditEventJson(event.id(), text(event.occurredAt()), event.actor(), event.action().code(),
                    event.licenseId(), event.detail());
        }
    }

    /** Prints {@code value} as indented JSON followed by a line break. */
    static void print(PrintStream out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("Writing JSON output failed", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
