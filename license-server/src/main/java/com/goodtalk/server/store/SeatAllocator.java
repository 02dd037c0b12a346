package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The client-facing operations: activate, validate and deactivate a machine, and an
 * administrator's release of a seat. Each runs in one write transaction that first locks the
 * license, so the seat count cannot change between counting and inserting.
 */
final class SeatAllocator {

    private final Transactions transactions;
    private final ProductKeyHasher hasher;
    private final Clock clock;
    private final LicenseRows licenses;
    private final ActivationRows activations;
    private final AuditLog audit;

    SeatAllocator(Transactions transactions, ProductKeyHasher hasher, Clock clock, LicenseRows licenses,
            ActivationRows activations, AuditLog audit) {
        this.transactions = transactions;
        this.hasher = hasher;
        this.clock = clock;
        this.licenses = licenses;
        this.activations = activations;
        this.audit = audit;
    }

    ActivationResult activate(String productKey, String machine) {
        StoreLimits.requireMachine(machine);
        List<String> hashes = hasher.lookupHashes(productKey);
        return transactions.write("Activation", connection -> {
            Instant now = now();
            Optional<Long> licenseId = licenses.findIdByHashes(connection, hashes, true);
            if (licenseId.isEmpty()) {
                audit.append(connection, now, LicenseStore.CLIENT_ACTOR, AuditAction.ACTIVATION_FAILURE, null,
                        "key_invalid: no license matches the key sent by machine '" + machine + "'");
                return new ActivationResult(ActivationOutcome.KEY_INVALID, false, null);
            }
            License license = licenses.require(connection, licenseId.get());
            ActivationOutcome blocked = blockingOutcome(license, now);
            if (blocked != null) {
                recordFailure(connection, now, AuditAction.ACTIVATION_FAILURE, license, blocked.code(), machine);
                return new ActivationResult(blocked, false, license.view());
            }
            return seat(connection, license, machine, now);
        });
    }

    ValidationResult validate(String productKey, String machine) {
        StoreLimits.requireMachine(machine);
        List<String> hashes = hasher.lookupHashes(productKey);
        return transactions.write("Validation", connection -> {
            Instant now = now();
            Optional<Long> licenseId = licenses.findIdByHashes(connection, hashes, false);
            if (licenseId.isEmpty()) {
                audit.append(connection, now, LicenseStore.CLIENT_ACTOR, AuditAction.VALIDATION_FAILURE, null,
                        "key_invalid: no license matches the key sent by machine '" + machine + "'");
                return new ValidationResult(ValidationOutcome.KEY_INVALID, null);
            }
            return validateSeat(connection, licenses.require(connection, licenseId.get()), machine, now, "");
        });
    }

    /** Checks a key's license without a machine, so no seat is taken or needed; see {@link LicenseStore#checkKey}. */
    KeyCheckResult checkKey(String productKey, String actor) {
        StoreLimits.requireActor(actor);
        List<String> hashes = hasher.lookupHashes(productKey);
        // A write transaction, because the audit row is written with the decision.
        return transactions.write("Key check", connection -> {
            Instant now = now();
            Optional<Long> licenseId = licenses.findIdByHashes(connection, hashes, false);
            if (licenseId.isEmpty()) {
                audit.append(connection, now, actor, AuditAction.KEY_CHECK_FAILURE, null,
                        KeyCheckOutcome.KEY_INVALID.code() + ": no license matches the key");
                return new KeyCheckResult(KeyCheckOutcome.KEY_INVALID, null);
            }
            License license = licenses.require(connection, licenseId.get());
            ActivationOutcome blocked = blockingOutcome(license, now);
            if (blocked != null) {
                audit.append(connection, now, actor, AuditAction.KEY_CHECK_FAILURE, license.id(),
                        blocked.code() + ": license " + license.id() + " (" + license.maskedKey() + ")");
                return new KeyCheckResult(KeyCheckOutcome.valueOf(blocked.name()), license.id());
            }
            audit.append(connection, now, actor, AuditAction.KEY_CHECK, license.id(),
                    "Key of license " + license.id() + " (" + license.maskedKey() + ") accepted without a machine;"
                            + " no seat taken");
            return new KeyCheckResult(KeyCheckOutcome.USABLE, license.id());
        });
    }

    /**
     * Validates like {@link #validate} but finds the license by its id, which a license certificate
     * names; an unknown id is {@link ValidationOutcome#KEY_INVALID}.
     */
    ValidationResult validateById(long licenseId, String machine) {
        StoreLimits.requireMachine(machine);
        return transactions.write("Validation by certificate", connection -> {
            Instant now = now();
            Optional<License> license = licenses.find(connection, licenseId);
            if (license.isEmpty()) {
                audit.append(connection, now, LicenseStore.CLIENT_ACTOR, AuditAction.VALIDATION_FAILURE, null,
                        "key_invalid: no license has the id " + licenseId + " that the certificate of machine '"
                                + machine + "' names");
                return new ValidationResult(ValidationOutcome.KEY_INVALID, null);
            }
            return validateSeat(connection, license.get(), machine, now, " (by certificate)");
        });
    }

    /** Checks the license's status and expiry and the machine's seat, and records the machine as seen. */
    private ValidationResult validateSeat(Connection connection, License license, String machine, Instant now,
                                          String auditNote) throws SQLException {
        ActivationOutcome blocked = blockingOutcome(license, now);
        if (blocked != null) {
            recordFailure(connection, now, AuditAction.VALIDATION_FAILURE, license, blocked.code() + auditNote,
                    machine);
            return new ValidationResult(ValidationOutcome.valueOf(blocked.name()), license.view());
        }
        Optional<Activation> seat = activations.findHeld(connection, license.id(), machine);
        if (seat.isEmpty()) {
            recordFailure(connection, now, AuditAction.VALIDATION_FAILURE, license,
                    ValidationOutcome.NOT_ACTIVATED.code() + auditNote, machine);
            return new ValidationResult(ValidationOutcome.NOT_ACTIVATED, license.view());
        }
        activations.touch(connection, seat.get().id(), now);
        return new ValidationResult(ValidationOutcome.VALID, license.view());
    }

    DeactivationOutcome deactivate(String productKey, String machine) {
        StoreLimits.requireMachine(machine);
        List<String> hashes = hasher.lookupHashes(productKey);
        return transactions.write("Deactivation", connection -> {
            Optional<Long> licenseId = licenses.findIdByHashes(connection, hashes, true);
            if (licenseId.isEmpty()) {
                return DeactivationOutcome.KEY_INVALID;
            }
            return endSeat(connection, licenseId.get(), machine, "");
        });
    }

    /** Deactivates like {@link #deactivate} but finds the license by the id a license certificate names. */
    DeactivationOutcome deactivateById(long licenseId, String machine) {
        StoreLimits.requireMachine(machine);
        return transactions.write("Deactivation by certificate", connection -> {
            if (licenses.find(connection, licenseId).isEmpty()) {
                return DeactivationOutcome.KEY_INVALID;
            }
            licenses.lock(connection, licenseId);
            return endSeat(connection, licenseId, machine, " (by certificate)");
        });
    }

    private DeactivationOutcome endSeat(Connection connection, long licenseId, String machine, String auditNote)
            throws SQLException {
        Optional<Activation> seat = activations.findHeld(connection, licenseId, machine);
        if (seat.isEmpty()) {
            return DeactivationOutcome.NOT_ACTIVATED;
        }
        Instant now = now();
        activations.end(connection, seat.get().id(), now);
        audit.append(connection, now, LicenseStore.CLIENT_ACTOR, AuditAction.DEACTIVATION, licenseId,
                "Machine '" + machine + "' gave back its seat (activation " + seat.get().id() + ")" + auditNote);
        return DeactivationOutcome.DEACTIVATED;
    }

    Activation release(long activationId, String actor) {
        StoreLimits.requireActor(actor);
        return transactions.write("Release", connection -> {
            long licenseId = requireActivation(connection, activationId).licenseId();
            licenses.lock(connection, licenseId);
            // Read again under the lock, because a deactivation may have ended the seat in the meantime.
            Activation seat = requireActivation(connection, activationId);
            if (!seat.isActive()) {
                throw new ConflictException("Activation " + activationId + " was already given back at "
                        + seat.deactivatedAt() + ", so its seat is free. Nothing to release.");
            }
            Instant now = now();
            activations.end(connection, activationId, now);
            audit.append(connection, now, actor, AuditAction.RELEASE, seat.licenseId(),
                    "Released the seat of machine '" + seat.machine() + "' (activation " + activationId + ")");
            return activations.find(connection, activationId).orElseThrow();
        });
    }

    private ActivationResult seat(Connection connection, License license, String machine, Instant now)
            throws SQLException {
        Optional<Activation> held = activations.findHeld(connection, license.id(), machine);
        if (held.isPresent()) {
            activations.touch(connection, held.get().id(), now);
            audit.append(connection, now, LicenseStore.CLIENT_ACTOR, AuditAction.ACTIVATION, license.id(),
                    "Machine '" + machine + "' activated again on the seat it holds (activation " + held.get().id()
                            + "); no new seat taken");
            return new ActivationResult(ActivationOutcome.ACTIVATED, false, license.view());
        }
        int used = activations.countHeld(connection, license.id());
        if (used >= license.seatLimit()) {
            recordFailure(connection, now, AuditAction.ACTIVATION_FAILURE, license,
                    ActivationOutcome.SEAT_LIMIT_REACHED.code() + " (" + used + " of " + license.seatLimit() + " seats held)",
                    machine);
            return new ActivationResult(ActivationOutcome.SEAT_LIMIT_REACHED, false, license.view());
        }
        long activationId = activations.insert(connection, license.id(), machine, now);
        audit.append(connection, now, LicenseStore.CLIENT_ACTOR, AuditAction.ACTIVATION, license.id(),
                "Machine '" + machine + "' took seat " + (used + 1) + " of " + license.seatLimit()
                        + " (activation " + activationId + ")");
        License updated = licenses.require(connection, license.id());
        return new ActivationResult(ActivationOutcome.ACTIVATED, true, updated.view());
    }

    private Activation requireActivation(Connection connection, long activationId) throws SQLException {
        return activations.find(connection, activationId).orElseThrow(() -> new NotFoundException(
                "No activation has id " + activationId + ". List the license's activations to find the right id."));
    }

    /** Returns why the license cannot be used now, or {@code null} if it can. */
    private static ActivationOutcome blockingOutcome(License license, Instant now) {
        return switch (license.status()) {
            case REVOKED -> ActivationOutcome.KEY_REVOKED;
            case SUSPENDED -> ActivationOutcome.KEY_SUSPENDED;
            case ACTIVE -> license.isExpiredAt(now) ? ActivationOutcome.KEY_EXPIRED : null;
        };
    }

    private void recordFailure(Connection connection, Instant now, AuditAction action, License license, String outcome,
            String machine) throws SQLException {
        audit.append(connection, now, LicenseStore.CLIENT_ACTOR, action, license.id(),
                outcome + ": machine '" + machine + "' on license " + license.id() + " (" + license.maskedKey() + ")");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
