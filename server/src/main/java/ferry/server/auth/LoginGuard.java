package ferry.server.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Slows and then stops password guessing, per client address and shared by both protocols: each failed login
 * from an address is answered after a delay that doubles (from {@code baseDelay}, at most 5 s), and
 * {@code maxFailures} failures in a row lock that address out for {@code lockout}. Lock-outs expire by themselves,
 * a successful login clears its address, and no address is ever affected by another's failures. Thread-safe.
 */
public final class LoginGuard {
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final int MAX_TRACKED = 100_000;

    private record Record(int failures, long lockedUntilNanos) {}

    private final int maxFailures;
    private final Duration lockout;
    private final Duration baseDelay;
    private final AuditLog audit;
    private final Map<InetAddress, Record> records = new ConcurrentHashMap<>();

    public LoginGuard(int maxFailures, Duration lockout, Duration baseDelay, AuditLog audit) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.baseDelay = baseDelay;
        this.audit = audit;
    }

    /** How long {@code address} is still locked out; zero if it may try. */
    public Duration lockedFor(InetAddress address) {
        Record record = records.get(address);
        if (record == null) return Duration.ZERO;
        long left = record.lockedUntilNanos() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public void succeeded(InetAddress address) {
        records.remove(address);
    }

    /** Counts a failure, locks the address out at the limit, and waits the back-off before the caller answers. */
    public void failed(InetAddress address, String user) {
        if (records.size() > MAX_TRACKED) prune();
        Record record = records.merge(address, new Record(1, 0), (old, one) -> new Record(
                old.lockedUntilNanos() - System.nanoTime() > 0 ? old.failures() : old.failures() + 1, old.lockedUntilNanos()));
        audit.record("login-failed", address.getHostAddress(), user, "failure " + record.failures() + " of " + maxFailures);
        if (record.failures() >= maxFailures && lockedFor(address).isZero()) {
            records.put(address, new Record(0, System.nanoTime() + lockout.toNanos()));
            audit.record("lockout", address.getHostAddress(), user, "locked out for " + lockout.toSeconds() + " s");
        }
        long delay = Math.min(MAX_DELAY.toNanos(), baseDelay.toNanos() << Math.min(20, Math.max(0, record.failures() - 1)));
        long until = System.nanoTime() + delay;
        for (long left = delay; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left); // the back-off: this session's virtual thread waits, nothing else does
        }
    }

    /** Drops records that are neither locked out nor recent enough to matter, so the map stays bounded. */
    private void prune() {
        long now = System.nanoTime();
        records.entrySet().removeIf(entry -> entry.getValue().lockedUntilNanos() - now <= 0);
    }
}
