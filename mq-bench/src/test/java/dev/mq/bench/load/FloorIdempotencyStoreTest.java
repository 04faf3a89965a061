package dev.mq.bench.load;

import dev.mq.spring.idempotency.Claim;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The floor store does a store's memory work for every key and gives every claim. */
class FloorIdempotencyStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void everyClaimIsAcquiredEvenForAKeySeenBefore() {
        FloorIdempotencyStore store = new FloorIdempotencyStore(10);
        Claim first = store.claim("g", "key-1", LEASE);
        Claim again = store.claim("g", "key-1", LEASE);
        assertThat(first.acquired()).isTrue();
        assertThat(again.acquired()).as("not a store: it never reports a duplicate").isTrue();
        assertThat(again.key()).isEqualTo("key-1");
    }

    @Test
    void aClaimWritesTheKeyIntoTheNextEntryOfTheRingAndPointsItsIndexSlotThere() {
        FloorIdempotencyStore store = new FloorIdempotencyStore(10);
        store.claim("g", "ab", LEASE);
        store.claim("g", "cd", LEASE);
        assertThat(store.entryOf("g", "ab")).isEqualTo(1);
        assertThat(store.entryOf("g", "cd")).isEqualTo(2);
        assertThat(new byte[]{store.ringByte(64), store.ringByte(65)}).isEqualTo("cd".getBytes());
    }

    @Test
    void theRingWrapsAfterTwiceMaxKeysAndTheIndexIsAtMostTwoThirdsFull() {
        FloorIdempotencyStore store = new FloorIdempotencyStore(3);
        for (int i = 0; i < 6; i++) {
            store.claim("g", "k" + i, LEASE);
        }
        store.claim("g", "zz", LEASE);
        assertThat(store.entryOf("g", "zz")).as("the seventh key goes to the first entry").isEqualTo(1);
        assertThat(new byte[]{store.ringByte(0), store.ringByte(1)}).isEqualTo("zz".getBytes());
        assertThat(new FloorIdempotencyStore(100_000).indexSlots()).isEqualTo(1 << 19);
        assertThat(6.0 / store.indexSlots()).isLessThanOrEqualTo(2.0 / 3);
    }

    @Test
    void maxKeysMustBePositive() {
        assertThatThrownBy(() -> new FloorIdempotencyStore(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxKeys");
    }
}
