package com.goodtalk.protocol;

/**
 * Thrown when a message body is not a well-formed protocol message: not JSON, not an object,
 * a duplicate or missing member, or a member of the wrong type. The message names the member
 * and what was expected.
 */
public class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
