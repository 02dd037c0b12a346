package com.goodtalk.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.v2.V2License;
import com.goodtalk.protocol.v2.V2Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the claims of a v2 reply whose signature, request hash and echo already passed. */
final class V2ReplyContent {

    private V2ReplyContent() {
    }

    /**
     * Reads {@code status}, {@code message}, {@code iat}, {@code jti} and, for {@code activated}
     * and {@code valid}, the {@code license} object.
     *
     * @throws MalformedMessageException naming the missing or mistyped claim
     */
    static VerifiedV2Reply read(ObjectNode payload) throws MalformedMessageException {
        String status = StrictJson.requireString(payload, "status");
        String message = StrictJson.requireString(payload, "message");
        long issuedAt = requireLong(payload, "iat");
        String serverJti = StrictJson.requireString(payload, "jti");
        boolean carriesLicense = V2Status.fromWord(status).map(V2Status::carriesLicense).orElse(false);
        V2License license = carriesLicense ? readLicense(payload.get("license")) : null;
        String certificate = license == null ? null : license.certificate().orElse(null);
        return new VerifiedV2Reply(status, message, issuedAt, serverJti, license, certificate);
    }

    private static V2License readLicense(JsonNode node) throws MalformedMessageException {
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException("The member \"license\" is missing or not an object.");
        }
        ObjectNode license = (ObjectNode) node;
        JsonNode features = license.get("features");
        if (features == null || !features.isArray()) {
            throw new MalformedMessageException("The member \"license.features\" is missing or not an array.");
        }
        List<String> featureNames = new ArrayList<>();
        for (JsonNode feature : features) {
            if (!feature.isTextual()) {
                throw new MalformedMessageException("The member \"license.features\" contains " + feature
                        + ", which is not a string.");
            }
            featureNames.add(feature.textValue());
        }
        JsonNode expires = license.get("expires");
        if (expires == null || !(expires.isNull() || (expires.isIntegralNumber() && expires.canConvertToLong()))) {
            throw new MalformedMessageException("The member \"license.expires\" must be an integer or null.");
        }
        JsonNode seats = license.get("seats");
        if (seats == null || !seats.isObject()) {
            throw new MalformedMessageException("The member \"license.seats\" is missing or not an object.");
        }
        JsonNode certificate = license.get("certificate");
        if (certificate != null && !certificate.isTextual()) {
            throw new MalformedMessageException("The member \"license.certificate\" must be a string when present.");
        }
        try {
            return new V2License(StrictJson.requireString(license, "product"),
                    StrictJson.requireString(license, "edition"), featureNames,
                    expires.isNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expires.longValue())),
                    requireInt((ObjectNode) seats, "used"), requireInt((ObjectNode) seats, "allowed"),
                    StrictJson.requireString(license, "machine"),
                    certificate == null ? Optional.empty() : Optional.of(certificate.textValue()));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("The license is invalid: " + e.getMessage(), e);
        }
    }

    /** Returns the license as trace values. */
    static Map<String, String> describe(V2License license) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("product", license.product());
        values.put("edition", license.edition());
        values.put("features", String.join(", ", license.features()));
        values.put("expires", license.expires().map(Instant::toString).orElse("never"));
        values.put("seats", license.seatsUsed() + " of " + license.seatsAllowed() + " used");
        values.put("licensed machine", license.machine());
        return values;
    }

    private static long requireLong(ObjectNode object, String name) throws MalformedMessageException {
        JsonNode value = object.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedMessageException("The member \"" + name + "\" is missing or not an integer.");
        }
        return value.longValue();
    }

    private static int requireInt(ObjectNode object, String name) throws MalformedMessageException {
        JsonNode value = object.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new MalformedMessageException("The member \"seats." + name + "\" is missing or not an integer.");
        }
        return value.intValue();
    }
}
