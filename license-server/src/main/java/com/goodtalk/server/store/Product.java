package com.goodtalk.server.store;

import java.util.Objects;

/**
 * A product that licenses are issued for.
 *
 * @param id the database id
 * @param code the short unique code that administrators type, such as {@code goodtalk-desktop}
 * @param name the display name
 */
public record Product(long id, String code, String name) {

    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
