package com.goodtalk.server;

import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.ConflictException;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseTerms;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the keys that the server serves at start into the license store: the published demo keys
 * in demo mode, the keys of {@code --keys FILE} otherwise. Importing is idempotent: a key already
 * in the store, from an earlier start or another instance, is left as it is.
 */
public final class StartupKeys {

    /** The product code of the demo keys. */
    public static final String DEMO_PRODUCT = "goodtalk-demo";

    /** The product code of the keys from a keys file. */
    public static final String DEFAULT_PRODUCT = "default";

    /** The actor that the audit log records for keys imported at start. */
    static final String ACTOR = "server-start";

    private static final Logger LOG = LoggerFactory.getLogger(StartupKeys.class);

    private StartupKeys() {
    }

    /**
     * Imports the published demo keys as licenses of {@value #DEMO_PRODUCT}, edition {@code demo},
     * {@code seats} seats each, without expiry.
     *
     * @return how many keys were new to the store
     */
    public static int importDemoKeys(LicenseStore store, int seats) {
        ensureProduct(store, DEMO_PRODUCT, "GoodTalk demo");
        return importKeys(store, DemoKeys.KEYS, new LicenseTerms(DEMO_PRODUCT, "demo", List.of(), seats, null,
                "published demo key"));
    }

    /**
     * Imports keys from a keys file as they are written (legacy format), as licenses of
     * {@value #DEFAULT_PRODUCT}, edition {@code standard}, {@code seats} seats each, without expiry.
     *
     * @return how many keys were new to the store
     */
    public static int importKeyFile(LicenseStore store, Collection<String> keys, int seats) {
        int unservable = countKeysV2CannotServe(keys);
        if (unservable > 0) {
            LOG.warn("{} of the {} product keys contain characters that ProductKeys.normalize rejects, so v2"
                    + " clients can never activate them; v1 still accepts them exactly as listed. Replace them"
                    + " with keys of A-Z, 0-9 and '-'.", unservable, keys.size());
        }
        ensureProduct(store, DEFAULT_PRODUCT, "Default product");
        return importKeys(store, keys, new LicenseTerms(DEFAULT_PRODUCT, "standard", List.of(), seats, null,
                "imported from the keys file at server start"));
    }

    /** Counts the keys that v2 lookups can never find, because normalising them fails. */
    static int countKeysV2CannotServe(Collection<String> keys) {
        int count = 0;
        for (String key : keys) {
            try {
                ProductKeys.normalize(key);
            } catch (InvalidProductKeyException rejected) {
                count++;
            }
        }
        return count;
    }

    private static int importKeys(LicenseStore store, Collection<String> keys, LicenseTerms terms) {
        Objects.requireNonNull(store, "store");
        int imported = 0;
        for (String key : keys) {
            if (store.findByKey(key).isPresent()) {
                continue;
            }
            try {
                store.importKey(terms, key, ACTOR);
                imported++;
            } catch (ConflictException storedMeanwhile) {
                // Another instance on the same database imported it at the same moment; that is the goal.
            } catch (IllegalArgumentException unusable) {
                throw new IllegalArgumentException("The key " + ProductKeys.mask(key) + " cannot be stored: "
                        + unusable.getMessage(), unusable);
            }
        }
        return imported;
    }

    private static void ensureProduct(LicenseStore store, String code, String name) {
        if (store.findProduct(code).isPresent()) {
            return;
        }
        try {
            store.createProduct(code, name);
        } catch (ConflictException createdMeanwhile) {
            // Another instance created it at the same moment.
        }
    }
}
