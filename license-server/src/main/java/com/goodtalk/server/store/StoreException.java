package com.goodtalk.server.store;

/** A store operation failed because of the database, such as a lost connection or a lock that stayed busy. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
