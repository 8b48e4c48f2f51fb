package dev.wsf.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
}
