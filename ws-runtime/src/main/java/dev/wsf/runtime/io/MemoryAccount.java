package dev.wsf.runtime.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one connection holds against its server's {@link MemoryBudget}: bytes queued for the peer,
 * input waiting for a worker, partial messages. Every {@link #grow} is matched by a
 * {@link #shrink} of the same size once the memory is let go, or by {@link #close()}, which
 * returns whatever is left when the connection ends; after that, both are no-ops, so buffers let
 * go late (by a worker finishing after the connection closed) are never counted twice.
 * Thread-safe and lock-free.
 */
public final class MemoryAccount {
    private static final long CLOSED = Long.MIN_VALUE;
    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(MemoryAccount.class, "held", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MemoryBudget budget;
    private final Owner owner;
    /** Bytes held, or {@link #CLOSED}; a plain field under a VarHandle, as every connection has an account. */
    private volatile long held;
    private volatile boolean shed;

    /**
     * Who holds an account, told when the budget sheds it. An interface of its own, so a
     * connection can be its account's owner itself, where a lambda would cost every connection
     * an object.
     */
    @FunctionalInterface
    public interface Owner {
        /** The budget is over its limit and this account holds the most: let go of what it holds. */
        void shed();
    }

    MemoryAccount(MemoryBudget budget, Owner owner) {
        this.budget = budget;
        this.owner = owner;
    }

    /**
     * An account of its own unlimited budget, for tests and tools.
     *
     * @return a new account that is never shed
     */
    public static MemoryAccount detached() {
        return MemoryBudget.unlimited().open(() -> { });
    }

    /**
     * Counts memory this connection has taken, here and in the budget, which may then shed the
     * largest accounts; a no-op once closed.
     *
     * @param bytes how many bytes were taken; 0 does nothing
     */
    public void grow(long bytes) {
        if (bytes != 0 && add(bytes)) {
            budget.grew(bytes);
        }
    }

    /**
     * Counts memory this connection has let go; a no-op once closed.
     *
     * @param bytes how many bytes were let go, as grown before; 0 does nothing
     */
    public void shrink(long bytes) {
        if (bytes != 0 && add(-bytes)) {
            budget.shrank(bytes);
        }
    }

    private boolean add(long delta) {
        while (true) {
            long h = held;
            if (h == CLOSED) {
                return false;
            }
            if (HELD.compareAndSet(this, h, h + delta)) {
                return true;
            }
        }
    }

    /**
     * Bytes this account holds now.
     *
     * @return the bytes, 0 once closed
     */
    public long held() {
        long h = held;
        return h == CLOSED ? 0 : h;
    }

    /**
     * Whether the budget has asked this account's owner to shed its load.
     *
     * @return true once shed; it stays so
     */
    public boolean isShed() {
        return shed;
    }

    /** Returns what is still held to the budget and leaves it. Idempotent. */
    public void close() {
        long rest = (long) HELD.getAndSet(this, CLOSED);
        if (rest != CLOSED) {
            budget.closed(this);
            budget.shrank(rest);
        }
    }

    long markShed() {
        long h = held;
        if (shed || h == CLOSED) {
            return 0;
        }
        shed = true;
        return h;
    }

    void notifyOwner() {
        owner.shed();
    }
}
