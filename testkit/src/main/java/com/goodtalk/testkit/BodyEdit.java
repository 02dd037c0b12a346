package com.goodtalk.testkit;

import java.util.Objects;

/**
 * A change that a {@link TamperingProxy} applies to a message body on its way through.
 *
 * <p>An edit receives the body exactly as it came off the wire and returns the bytes to send
 * on. It must not modify its argument and must be safe to call from several threads at once,
 * because the proxy serves requests in parallel. An edit that cannot apply to a body (a member
 * it should change is missing, an index is past the end) throws an unchecked exception. The
 * proxy then replies with a proxy error instead of sending the body unchanged, so a test cannot
 * pass by accident.
 *
 * <p>Ready edits: {@link BodyEdits} for raw bytes, {@link JsonEdits} for JSON objects,
 * {@link JwsEdits} for compact JWS bodies.
 */
@FunctionalInterface
public interface BodyEdit {

    /**
     * Returns the edited body.
     *
     * @param body the body as received; never null, possibly empty
     * @throws IllegalArgumentException if the edit does not fit this body
     */
    byte[] apply(byte[] body);

    /** Returns an edit that applies this edit, then {@code next} to its result. */
    default BodyEdit andThen(BodyEdit next) {
        Objects.requireNonNull(next, "next");
        return body -> next.apply(apply(body));
    }
}
