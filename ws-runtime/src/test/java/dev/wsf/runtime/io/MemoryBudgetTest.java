package dev.wsf.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void shedsTheLargestAccountsDownToThreeQuartersOfTheLimit() {
        MemoryBudget budget = new MemoryBudget(1000);
        boolean[] told = new boolean[3];
        MemoryAccount small = budget.open(() -> told[0] = true);
        MemoryAccount middle = budget.open(() -> told[1] = true);
        MemoryAccount large = budget.open(() -> told[2] = true);
        small.grow(100);
        middle.grow(300);
        large.grow(601); // 1001 > 1000: shed until at most 750 are left

        assertTrue(told[2], "the largest is shed");
        assertTrue(!told[0] && !told[1], "the rest fit under 750 without it");
        assertEquals(1, budget.shedCount());
        large.close();
        assertEquals(400, budget.used());
    }

    /**
     * Accounts grow and shrink on their own threads while a scan sorts them by size. Sorting by
     * the live value broke TimSort's contract ("Comparison method violates its general
     * contract!"), and the exception went to whichever connection's growth had started the
     * scan: an innocent connection closed with 1011, and nothing was shed. Many accounts of the
     * same size, as when many peers send equal messages, make near-ties that swap places.
     */
    @Test
    void aScanSurvivesAccountsChangingWhileItSorts() throws Exception {
        MemoryBudget budget = new MemoryBudget(256L << 20);
        MemoryAccount[] accounts = new MemoryAccount[2000];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = budget.open(() -> { });
            accounts[i].grow(64 << 10); // 125 MiB in all, under the limit
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread mutator = new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (running.get()) {
                MemoryAccount a = accounts[random.nextInt(accounts.length)];
                if (random.nextBoolean()) {
                    a.grow(16);
                } else {
                    a.shrink(16);
                }
            }
        });
        mutator.start();
        Throwable failure = null;
        int scans = 0;
        long deadline = System.nanoTime() + 1_000_000_000L; // it failed within 0.4 s before the fix
        try {
            while (System.nanoTime() < deadline && failure == null) {
                // Over the limit: a scan (at most one per 10 ms) sorts all 2001 accounts and
                // sheds this one, the largest, alone.
                MemoryAccount pusher = budget.open(() -> { });
                try {
                    pusher.grow(budget.limit());
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    pusher.close();
                }
                scans = (int) budget.shedCount();
            }
        } finally {
            running.set(false);
            mutator.join();
        }
        assertNull(failure, "a scan failed: " + failure);
        assertTrue(scans > 10, "scans that sorted and shed: " + scans);
    }
}
