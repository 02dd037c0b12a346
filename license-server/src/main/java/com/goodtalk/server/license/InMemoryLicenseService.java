package com.goodtalk.server.license;

import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.v2.V2License;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link LicenseService} over a fixed list of product keys, such as a keys file or the demo
 * keys, with the same number of seats for every key and the seats held in memory only.
 *
 * <p>Seats are lost when the process stops, so every start begins with all seats free. Each
 * key's seats sit behind their own lock, which makes check-and-take atomic per key while calls
 * for different keys run in parallel.
 *
 * <pre>{@code
 * InMemoryLicenseService licenses = new InMemoryLicenseService(keys, 3, LicenseTerms.STANDARD);
 * LicenseDecision decision = licenses.activate(ProductKeys.normalize(input), machine);
 * }</pre>
 */
public final class InMemoryLicenseService implements LicenseService {

    private final Map<String, Seats> seatsByKey;
    private final int seatsPerKey;
    private final LicenseTerms terms;
    private final int skippedKeys;

    /**
     * Creates the service. Every key is normalized with {@link ProductKeys#normalize(String)}; a
     * key that cannot be normalized is skipped and counted in {@link #skippedKeys()}, because no
     * v2 client could ever send it. Keys that normalize to the same text share their seats.
     *
     * @param productKeys the accepted keys, as listed in the keys file
     * @param seatsPerKey the number of machines each key may be activated on, at least 1
     * @param terms       the license every key grants
     * @throws IllegalArgumentException if {@code seatsPerKey} is below 1
     */
    public InMemoryLicenseService(Collection<String> productKeys, int seatsPerKey, LicenseTerms terms) {
        Objects.requireNonNull(productKeys, "productKeys");
        if (seatsPerKey < 1) {
            throw new IllegalArgumentException("Each key needs at least 1 seat, got " + seatsPerKey
                    + ". Set the seat limit to 1 or more.");
        }
        this.seatsPerKey = seatsPerKey;
        this.terms = Objects.requireNonNull(terms, "terms");
        Map<String, Seats> seats = new HashMap<>();
        int skipped = 0;
        for (String key : productKeys) {
            try {
                seats.putIfAbsent(ProductKeys.normalize(key), new Seats());
            } catch (InvalidProductKeyException e) {
                skipped++;
            }
        }
        this.seatsByKey = Map.copyOf(seats);
        this.skippedKeys = skipped;
    }

    /** Returns the number of distinct normalized keys served. */
    public int keyCount() {
        return seatsByKey.size();
    }

    /** Returns how many of the given keys were skipped because they cannot be normalized. */
    public int skippedKeys() {
        return skippedKeys;
    }

    @Override
    public LicenseDecision activate(String productKey, String machine) {
        Objects.requireNonNull(machine, "machine");
        Seats seats = seatsByKey.get(Objects.requireNonNull(productKey, "productKey"));
        if (seats == null) {
            return unknownKey(productKey);
        }
        synchronized (seats) {
            if (seats.machines.contains(machine)) {
                return LicenseDecision.granted(LicenseStatus.ACTIVATED, "This machine already holds a seat on the"
                        + " key, so no further seat was taken; " + seatsInUse(seats) + ".", view(seats, machine));
            }
            if (seats.machines.size() >= seatsPerKey) {
                return LicenseDecision.withoutLicense(LicenseStatus.SEAT_LIMIT_REACHED, "All " + seatsPerKey
                        + " seats of the key " + ProductKeys.mask(productKey) + " are held by other machines."
                        + " Deactivate the key on one of them, then activate it here again.");
            }
            seats.machines.add(machine);
            return LicenseDecision.granted(LicenseStatus.ACTIVATED, "The key is activated on this machine; "
                    + seatsInUse(seats) + ".", view(seats, machine));
        }
    }

    @Override
    public LicenseDecision validate(String productKey, String machine) {
        Objects.requireNonNull(machine, "machine");
        Seats seats = seatsByKey.get(Objects.requireNonNull(productKey, "productKey"));
        if (seats == null) {
            return unknownKey(productKey);
        }
        synchronized (seats) {
            if (!seats.machines.contains(machine)) {
                return LicenseDecision.withoutLicense(LicenseStatus.NOT_ACTIVATED, "This machine holds no seat on"
                        + " the key " + ProductKeys.mask(productKey) + ". Activate the key on this machine first.");
            }
            return LicenseDecision.granted(LicenseStatus.VALID, "The key is activated on this machine; "
                    + seatsInUse(seats) + ".", view(seats, machine));
        }
    }

    @Override
    public LicenseDecision deactivate(String productKey, String machine) {
        Objects.requireNonNull(machine, "machine");
        Seats seats = seatsByKey.get(Objects.requireNonNull(productKey, "productKey"));
        if (seats == null) {
            return unknownKey(productKey);
        }
        synchronized (seats) {
            if (!seats.machines.remove(machine)) {
                return LicenseDecision.withoutLicense(LicenseStatus.NOT_ACTIVATED, "This machine holds no seat on"
                        + " the key " + ProductKeys.mask(productKey) + ", so there is nothing to deactivate.");
            }
            return LicenseDecision.withoutLicense(LicenseStatus.DEACTIVATED, "This machine's seat is freed; "
                    + seatsInUse(seats) + ".");
        }
    }

    private static LicenseDecision unknownKey(String productKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_INVALID, "The product key "
                + ProductKeys.mask(productKey) + " is not known to this server. Check the key on your license, or"
                + " ask the vendor for a valid one.");
    }

    private String seatsInUse(Seats seats) {
        return seats.machines.size() + " of " + seatsPerKey + " seats are in use";
    }

    private V2License view(Seats seats, String machine) {
        return new V2License(terms.product(), terms.edition(), terms.features(), terms.expires(),
                seats.machines.size(), seatsPerKey, machine);
    }

    @Override
    public String toString() {
        return "InMemoryLicenseService[" + seatsByKey.size() + " keys, " + seatsPerKey + " seats each]";
    }

    /** The machines that hold a seat on one key; guarded by its own monitor. */
    private static final class Seats {
        private final Set<String> machines = new LinkedHashSet<>();
    }
}
