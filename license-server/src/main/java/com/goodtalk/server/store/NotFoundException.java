package com.goodtalk.server.store;

/** A product, license or activation that the caller named by id or code does not exist. */
public class NotFoundException extends StoreException {

    public NotFoundException(String message) {
        super(message);
    }
}
