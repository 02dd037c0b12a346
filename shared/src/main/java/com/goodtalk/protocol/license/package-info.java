/**
 * Offline license certificates: a server-signed statement that one machine holds a seat on a
 * license, which a client verifies at start without the network.
 *
 * <p>The server issues one with {@link com.goodtalk.protocol.license.LicenseCertificates#issue}
 * after an online activation or validation. The client checks it with
 * {@link com.goodtalk.protocol.license.LicenseCertificate#verifyOffline}, which either returns a
 * verified {@link com.goodtalk.protocol.license.LicenseCertificate} or throws an
 * {@link com.goodtalk.protocol.license.InvalidCertificateException} naming the
 * {@link com.goodtalk.protocol.license.CertificateCheck} that failed.
 *
 * <p>A certificate is a compact JWS (RFC 7515) signed with Ed25519 (RFC 8037) by the same key
 * that signs protocol v2 replies. Its {@code typ} header, {@code goodtalk-license+jwt}, differs
 * from the reply's, so a signed reply cannot pass as a certificate. Any JOSE library can read it;
 * the payload uses JWT claim names ({@code iat}, {@code exp}, {@code jti}) where they exist.
 */
package com.goodtalk.protocol.license;
