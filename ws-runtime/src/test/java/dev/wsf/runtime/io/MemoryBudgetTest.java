package dev.wsf.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void accountsAddUpAndCloseReturnsWhatIsLeft() {
        MemoryBudget budget = new MemoryBudget(1000);
        MemoryAccount a = budget.open(() -> { });
        MemoryAccount b = budget.open(() -> { });
        a.grow(100);
        b.grow(200);
        a.shrink(40);
        assertEquals(260, budget.used());
        assertEquals(60, a.held());
        a.close();
        assertEquals(200, budget.used());
        a.close();
        assertEquals(200, budget.used(), "closing twice returns nothing twice");
    }

    @Test
    void buffersLetGoAfterTheAccountClosedAreNotCountedTwice() {
        MemoryBudget budget = new MemoryBudget(1000);
        MemoryAccount a = budget.open(() -> { });
        a.grow(300);
        a.close();
        a.shrink(300); // a worker finishing with a message after the connection closed
        a.grow(50);
        assertEquals(0, budget.used());
    }

    @Test
    void pastTheLimitTheLargestAccountsAreShedUntilTheRestFitUnderThreeQuarters() {
        MemoryBudget budget = new MemoryBudget(1000);
        List<String> shed = new ArrayList<>();
        MemoryAccount small = budget.open(() -> shed.add("small"));
        MemoryAccount medium = budget.open(() -> shed.add("medium"));
        MemoryAccount large = budget.open(() -> shed.add("large"));
        small.grow(100);
        medium.grow(300);
        large.grow(500);
        assertEquals(List.of(), shed, "900 of 1000: under the limit");
        small.grow(200); // 1100: 350 over three quarters
        assertEquals(List.of("large"), shed, "the largest alone brings the rest under 750");
        assertTrue(large.isShed());
        assertFalse(medium.isShed());
        assertEquals(1, budget.shedCount());
    }

    @Test
    void whatShedAccountsStillHoldCountsAsGoingAway() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(1000);
        AtomicInteger sheds = new AtomicInteger();
        MemoryAccount hog = budget.open(sheds::incrementAndGet);
        MemoryAccount other = budget.open(sheds::incrementAndGet);
        hog.grow(900);
        other.grow(200);
        assertEquals(1, sheds.get());
        Thread.sleep(20); // past the scan interval, so the next grow scans again
        other.grow(10);
        assertEquals(1, sheds.get(), "the hog's 900 are on their way out: nobody else is shed for them");
    }

    @Test
    void anUnlimitedBudgetNeverSheds() {
        MemoryBudget budget = MemoryBudget.unlimited();
        AtomicInteger sheds = new AtomicInteger();
        budget.open(sheds::incrementAndGet).grow(Long.MAX_VALUE / 4);
        assertEquals(0, sheds.get());
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
