package com.goodtalk.benchmarks.load;

/**
 * The requests of the load mix. Out of every five requests a client thread sends two v2
 * activations, two v2 validations and one v1 authentication, in that rotation.
 */
enum RequestKind {
    V2_ACTIVATE("v2 activate"),
    V2_VALIDATE("v2 validate"),
    V1_AUTHENTICATE("v1 authenticate");

    private static final RequestKind[] ROTATION = {
        V2_ACTIVATE, V2_VALIDATE, V2_ACTIVATE, V2_VALIDATE, V1_AUTHENTICATE,
    };

    private final String label;

    RequestKind(String label) {
        this.label = label;
    }

    /** Returns the kind of a thread's {@code index}-th request. */
    static RequestKind forIndex(long index) {
        return ROTATION[(int) (index % ROTATION.length)];
    }

    /** Returns the name used in the report, such as {@code v2 activate}. */
    String label() {
        return label;
    }
}
