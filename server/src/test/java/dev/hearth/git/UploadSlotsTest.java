package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadSlotsTest {
    @Test
    void boundedPerRepositoryAndInTotalWithAClearMessage() {
        UploadSlots slots = new UploadSlots(2, 1, Duration.ofMillis(20));
        UploadSlots.Slot a = slots.acquire(1);
        assertThatThrownBy(() -> slots.acquire(1)).isInstanceOfSatisfying(HearthException.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
            assertThat(e.getMessage()).contains("this repository").contains("retry");
            assertThat(e.retryAfter()).contains(UploadSlots.RETRY_AFTER);
        });
        UploadSlots.Slot b = slots.acquire(2);
        assertThatThrownBy(() -> slots.acquire(3)).hasMessageContaining("the server is serving as many");
        a.close();
        UploadSlots.Slot c = slots.acquire(3);
        UploadSlots.Slot d;
        b.close();
        d = slots.acquire(1);
        c.close();
        d.close();
        // Everything released: the full capacity is back.
        slots.acquire(4).close();
        slots.acquire(5).close();
    }
}
