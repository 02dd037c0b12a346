package com.goodtalk.server.store;

/**
 * The request conflicts with what is stored: a duplicate product code or key, or a status change
 * that the license's current status does not allow (such as reinstating a revoked license).
 */
public class ConflictException extends StoreException {

    public ConflictException(String message) {
        super(message);
    }
}
