package com.goodtalk.desktop.tamper;

import com.goodtalk.desktop.Protocol;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.v2.V2Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one exchange through a {@link TamperProxy} that applies an {@link Attack}, and reports
 * what the proxy did and which check caught it.
 *
 * <pre>{@code
 * TamperDemo demo = new TamperDemo(Attack.FORGE_SUCCESS, TamperDemo.DEFAULT_DELAY);
 * TamperResult result = demo.run(server, Protocol.V2,
 *         proxy -> settings.client(proxy, timeout).activate(key), message -> {});
 * }</pre>
 *
 * <p>{@link Attack#REPLAY_REPLY} and {@link Attack#SWAP_SIGNATURE} need a genuine reply to
 * reuse, so the demonstration first runs the same exchange once untampered and records its
 * reply. With the same key and machine an activation takes no extra seat, but a deactivation
 * frees the seat for real, so callers update the stored license from both exchanges. Each run
 * starts its own proxy on a free port of 127.0.0.1 and closes it before it returns.
 */
public final class TamperDemo {

    /** The delay of {@link Attack#DELAY_REQUEST} unless one is set: the server's default skew plus 5 s. */
    public static final Duration DEFAULT_DELAY = V2Protocol.DEFAULT_ALLOWED_SKEW.plusSeconds(5);

    private final Attack attack;
    private final Duration delay;
    private TamperProxy active;
    private boolean cancelled;

    /**
     * Creates a demonstration of {@code attack}.
     *
     * @param delay how long {@link Attack#DELAY_REQUEST} delays the request
     * @throws IllegalArgumentException if the delay is negative or zero
     */
    public TamperDemo(Attack attack, Duration delay) {
        this.attack = Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("The tamper delay must be positive, got " + delay.toSeconds()
                    + " s. Give a delay longer than the server's allowed clock skew, such as "
                    + DEFAULT_DELAY.toSeconds() + "s.");
        }
        this.delay = delay;
    }

    /** Returns the attack this demonstration applies. */
    public Attack attack() {
        return attack;
    }

    /** Returns how long {@link Attack#DELAY_REQUEST} delays the request. */
    public Duration delay() {
        return delay;
    }

    /**
     * Returns the client timeout that leaves room for the held request: {@code timeout} plus the
     * delay for {@link Attack#DELAY_REQUEST}, else {@code timeout}.
     */
    public Duration clientTimeout(Duration timeout) {
        return attack == Attack.DELAY_REQUEST ? timeout.plus(delay) : timeout;
    }

    /**
     * Runs the demonstration against {@code server}.
     *
     * @param server   the license server's base URL
     * @param protocol the protocol that {@code exchange} speaks
     * @param exchange runs one exchange against the base URL it gets, which is the proxy's, with a
     *                 client whose timeout is at least {@link #clientTimeout}
     * @param progress receives a sentence when the demonstration records a reply or delays a request,
     *                 from the thread that calls this method or the proxy's thread
     * @throws java.io.UncheckedIOException if the proxy cannot listen
     */
    public TamperResult run(URI server, Protocol protocol, Function<URI, VerificationTrace> exchange,
                            Consumer<String> progress) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(progress, "progress");
        List<String> actions = new ArrayList<>();
        TamperProxy proxy = TamperProxy.start(server, protocol, progress);
        try {
            synchronized (this) {
                if (cancelled) {
                    proxy.close();
                }
                active = proxy;
            }
            if (attack.recordsGenuineReplyFirst()) {
                progress.accept("The tamper proxy records a genuine reply from a first, untampered exchange.");
                VerificationTrace first = exchange.apply(proxy.baseUri());
                actions.add("Recorded the genuine reply of a first, untampered exchange with the same key and"
                        + " machine (its verdict: " + first.verdict().kind().name().toLowerCase() + ").");
            }
            proxy.arm(attack, delay);
            VerificationTrace trace = exchange.apply(proxy.baseUri());
            actions.addAll(proxy.changes());
            return new TamperResult(attack, protocol, actions, proxy.tampered(), trace);
        } finally {
            proxy.close();
            synchronized (this) {
                active = null;
            }
        }
    }

    /** Closes the proxy of a running demonstration, which ends a held request. The run then returns its trace. */
    public void cancel() {
        TamperProxy proxy;
        synchronized (this) {
            cancelled = true;
            proxy = active;
        }
        if (proxy != null) {
            proxy.close();
        }
    }
}
