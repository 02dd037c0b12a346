package com.goodtalk.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;

/** Sends JSON replies; every reply of the server goes through here, so every one is JSON. */
public final class JsonResponses {

    /** The content type of every reply, without a charset parameter, as the reference server sends it. */
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    /** Sends {@code json} with {@code status} and ends the exchange. */
    public static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    /**
     * Sends an HTTP-level error, one that is not part of the v1 protocol, as
     * {@code {"error":"Not Found","message":"..."}}.
     */
    public static void sendError(HttpServerExchange exchange, int status, String error, String message) {
        send(exchange, status, errorJson(error, message));
    }

    static String errorJson(String error, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", error);
        body.put("message", message);
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // Two string members always serialize, so this means a broken Jackson installation.
            throw new IllegalStateException("Jackson failed to write a two-member object", e);
        }
    }
}
