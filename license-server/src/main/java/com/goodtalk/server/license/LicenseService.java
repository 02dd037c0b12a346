package com.goodtalk.server.license;

/**
 * Decides activations, validations and deactivations of product keys on machines: the
 * license logic behind the v2 endpoints, which runs after a request passed every protocol check.
 *
 * <p>Keys arrive normalized ({@code ProductKeys.normalize}) and machines as well-formed
 * fingerprints ({@code MachineFingerprint.isWellFormed}). Each key has a number of seats, and a
 * machine holds at most one seat per key. Implementations must be safe for concurrent calls:
 * two machines that activate the last free seat at once get one {@code activated} and one
 * {@code seat_limit_reached}.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>call</th><th>outcome</th></tr>
 *   <tr><td>any, unknown key</td><td>{@link LicenseStatus#KEY_INVALID}</td></tr>
 *   <tr><td>activate, machine holds a seat</td><td>{@link LicenseStatus#ACTIVATED}; no second seat is taken</td></tr>
 *   <tr><td>activate, a seat is free</td><td>{@link LicenseStatus#ACTIVATED}; the machine takes it</td></tr>
 *   <tr><td>activate, no seat free</td><td>{@link LicenseStatus#SEAT_LIMIT_REACHED}</td></tr>
 *   <tr><td>validate, machine holds a seat</td><td>{@link LicenseStatus#VALID}</td></tr>
 *   <tr><td>deactivate, machine holds a seat</td><td>{@link LicenseStatus#DEACTIVATED}; the seat is free again</td></tr>
 *   <tr><td>validate or deactivate, machine holds no seat</td><td>{@link LicenseStatus#NOT_ACTIVATED}</td></tr>
 *   <tr><td>by license id, unknown id</td><td>{@link LicenseStatus#CERTIFICATE_INVALID}</td></tr>
 * </table>
 *
 * <p>The {@code ...License} methods take the license id that a verified license certificate names,
 * for clients that re-validate or deactivate without the product key; the caller has checked the
 * certificate's signature and that it was issued for {@code machine}.
 */
public interface LicenseService {

    /** Takes a seat of {@code productKey} for {@code machine}, or confirms the seat it holds. */
    LicenseDecision activate(String productKey, String machine);

    /** Checks that {@code machine} holds a seat of {@code productKey}. */
    LicenseDecision validate(String productKey, String machine);

    /** Frees the seat that {@code machine} holds on {@code productKey}. */
    LicenseDecision deactivate(String productKey, String machine);

    /** Checks, like {@link #validate}, that {@code machine} holds a seat of the license with this id. */
    LicenseDecision validateLicense(long licenseId, String machine);

    /** Frees, like {@link #deactivate}, the seat that {@code machine} holds on the license with this id. */
    LicenseDecision deactivateLicense(long licenseId, String machine);
}
