package dev.mq.spring.idempotency;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyStateTableTest {

    /** Group numbers, as an {@link InMemoryIdempotencyStore} gives them. */
    private static final int G = 0;
    private static final int OTHER = 1;
    private static final int A_CONSUMER_GROUP = 2;

    private final KeyStateTable table = new KeyStateTable();

    @Test
    void keysOfOneHashAreTellApartAndEachKeepsItsState() {
        table.add(G, "a", 7, 1, 100);
        table.add(G, "b", 7, 2, 200);
        table.add(OTHER, "a", 7, 3, 300);
        int b = table.find(G, "b", 7);
        table.markProcessed(b, 250);
        assertThat(table.token(table.find(G, "a", 7))).isEqualTo(1);
        assertThat(table.expiresAtMillis(table.find(G, "a", 7))).isEqualTo(100);
        assertThat(table.processed(table.find(G, "a", 7))).isFalse();
        assertThat(table.processed(b)).isTrue();
        assertThat(table.expiresAtMillis(b)).isEqualTo(250);
        assertThat(table.token(table.find(OTHER, "a", 7))).isEqualTo(3);
        assertThat(table.find(G, "c", 7)).isEqualTo(-1);
        assertThat(table.find(G, new String("a"), 7)).as("found by equal, not only the same, string")
                .isEqualTo(table.find(G, "a", 7));
    }

    @Test
    void aKeyClaimedAgainIsNoLongerProcessed() {
        table.add(G, "a", 1, 1, 100);
        int slot = table.find(G, "a", 1);
        table.markProcessed(slot, 500);
        table.claimAgain(slot, 9, 600);
        assertThat(table.processed(slot)).isFalse();
        assertThat(table.token(slot)).isEqualTo(9);
        assertThat(table.expiresAtMillis(slot)).isEqualTo(600);
    }

    @Test
    void removingFromTheMiddleOfAProbeRunThatWrapsAroundKeepsTheRestFindable() {
        // hashes whose home is the last slot of the 16 of a new table, so their run wraps to slot 0
        List<Integer> lastSlotHashes = new ArrayList<>();
        for (int hash = 1; lastSlotHashes.size() < 4; hash++) {
            if (KeyStateTable.home(hash, 15) == 15) {
                lastSlotHashes.add(hash);
            }
        }
        for (int i = 0; i < 4; i++) {
            table.add(G, "k" + i, lastSlotHashes.get(i), i, 0);
        }
        table.remove(table.find(G, "k1", lastSlotHashes.get(1)));
        assertThat(table.find(G, "k1", lastSlotHashes.get(1))).isEqualTo(-1);
        for (int i : new int[] {0, 2, 3}) {
            int slot = table.find(G, "k" + i, lastSlotHashes.get(i));
            assertThat(slot).as("k" + i).isNotNegative();
            assertThat(table.token(slot)).isEqualTo(i);
        }
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void removingTheLastSlotLeavesAWrappedEntryThatIsAtHomeWhereItIs() {
        int lastHome = hashWithHome(15, 0);
        int firstHome = hashWithHome(0, 0);
        int anotherLastHome = hashWithHome(15, lastHome + 1);
        table.add(G, "last", lastHome, 1, 0);          // slot 15
        table.add(G, "first", firstHome, 2, 0);        // slot 0, its home
        table.add(G, "wrapped", anotherLastHome, 3, 0); // slots 15 and 0 taken: slot 1
        table.remove(table.find(G, "last", lastHome));
        assertThat(table.find(G, "first", firstHome)).isEqualTo(0);
        assertThat(table.find(G, "wrapped", anotherLastHome)).isEqualTo(15);
        assertThat(table.token(table.find(G, "wrapped", anotherLastHome))).isEqualTo(3);
    }

    /** The first hash from {@code from} on whose home in a new table (16 slots) is {@code slot}. */
    private static int hashWithHome(int slot, int from) {
        int hash = from;
        while (KeyStateTable.home(hash, 15) != slot) {
            hash++;
        }
        return hash;
    }

    @Test
    void agreesWithAHashMapOverManyRandomAddsRemovesAndGrowths() {
        Random random = new Random(42);
        Map<String, Long> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            String key = "k" + random.nextInt(5_000);
            int slot = table.find(G, key, fewHashes(key));
            assertThat(slot >= 0).as(key).isEqualTo(expected.containsKey(key));
            if (slot < 0) {
                table.add(G, key, fewHashes(key), step, step);
                expected.put(key, (long) step);
            } else {
                assertThat(table.token(slot)).as(key).isEqualTo(expected.get(key));
                if (random.nextBoolean()) {
                    table.remove(slot);
                    expected.remove(key);
                }
            }
            assertThat(table.size()).isEqualTo(expected.size());
        }
        expected.forEach((key, token) ->
                assertThat(table.token(table.find(G, key, fewHashes(key)))).isEqualTo(token));
    }

    @Test
    void fingerprintsOfKeysOfOneStripeAndOneHomeStillDiffer() {
        Set<Byte> seen = new HashSet<>();
        for (int middle = 0; middle < 4096; middle++) {
            // the same top bits (one stripe of 64) and the same low bits (one home in 4,096 slots)
            int hash = (0b101101 << 26) | (middle << 12) | 0x123;
            byte fingerprint = KeyStateTable.fingerprint(hash);
            assertThat(fingerprint).isNotZero();
            seen.add(fingerprint);
        }
        assertThat(seen).hasSizeGreaterThan(240);
        assertThat(KeyStateTable.fingerprint(0)).isNotZero();
    }

    /** A hash of 1,024 values for 5,000 keys: keys share hashes, and probe runs are long and merge. */
    private static int fewHashes(String key) {
        return key.hashCode() & 1023;
    }

    @Test
    void theEntriesAndCharactersOfRemovedKeysAreReclaimedSoBothStayBounded() {
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            String key = "7F000001000012340000" + Integer.toHexString(i);
            table.add(A_CONSUMER_GROUP, key, KeyStateTable.hash("a-consumer-group", key), i, i);
            live.add(key);
            if (live.size() > 10) { // a failing listener: claims released, keys never remembered
                String gone = live.remove(0);
                table.remove(table.find(A_CONSUMER_GROUP, gone, KeyStateTable.hash("a-consumer-group", gone)));
            }
        }
        assertThat(table.arenaLength()).as("arena bytes for 10 live keys of 25 characters").isLessThanOrEqualTo(2_048);
        assertThat(table.entryCapacity()).as("entries for 11 live keys at most").isLessThanOrEqualTo(32);
        for (String key : live) {
            int slot = table.find(A_CONSUMER_GROUP, key, KeyStateTable.hash("a-consumer-group", key));
            assertThat(slot).as(key).isNotNegative();
            int added = Integer.parseInt(key.substring("7F000001000012340000".length()), 16);
            assertThat(table.token(slot)).as("token of %s after the compactions", key).isEqualTo(added);
            assertThat(table.expiresAtMillis(slot)).as("expiry of %s after the compactions", key).isEqualTo(added);
        }
        assertThat(table.find(A_CONSUMER_GROUP, "7F0000010000123400000", KeyStateTable.hash("a-consumer-group",
                "7F0000010000123400000"))).isEqualTo(-1);
    }

    @Test
    void theSameKeyOfTwoGroupsIsTwoEntries() {
        table.add(G, "k", 5, 1, 0);
        table.add(OTHER, "k", 5, 2, 0);
        assertThat(table.token(table.find(G, "k", 5))).isEqualTo(1);
        assertThat(table.token(table.find(OTHER, "k", 5))).isEqualTo(2);
        assertThat(table.find(A_CONSUMER_GROUP, "k", 5)).isEqualTo(-1);
    }

    @Test
    void keysOfAnyCharactersAreStoredExactly() {
        // one byte a character up to U+00FF (bytes above 127 are negative in Java), two bytes beyond
        List<String> keys = List.of("plain-ascii", "caf\u00e9-\u00ff", "\u0100", "\u0001\u0000", "\u00010",
                "\u043a\u043b\u044e\u0447", "\u65e5\u672c", "\ud83d\ude00", "");
        for (int i = 0; i < keys.size(); i++) {
            table.add(G, keys.get(i), 3, i, 0); // one hash: every lookup compares characters
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(table.token(table.find(G, new String(keys.get(i)), 3))).as(keys.get(i)).isEqualTo(i);
        }
        for (String absent : List.of("caf\u00e9-\u00fe", "\u0101", "\u0001", "\u043a\u043b\u044e", "\u65e5\u672d")) {
            assertThat(table.find(G, absent, 3)).as(absent).isEqualTo(-1);
        }
    }

    @Test
    void aGroupNumberOutsideTheEntrysRangeIsRefused() {
        assertThatThrownBy(() -> table.add(KeyStateTable.MAX_GROUP + 1, "k", 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group number");
        assertThatThrownBy(() -> table.add(-1, "k", 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        table.add(KeyStateTable.MAX_GROUP, "k", 1, 1, 0);
        assertThat(table.token(table.find(KeyStateTable.MAX_GROUP, "k", 1))).isEqualTo(1);
    }

    @Test
    void aClearedTableHoldsNothingAndTakesKeysAgain() {
        for (int i = 0; i < 1_000; i++) {
            table.add(G, "k" + i, KeyStateTable.hash("g", "k" + i), i, i);
        }
        table.clear();
        assertThat(table.size()).isZero();
        assertThat(table.find(G, "k5", KeyStateTable.hash("g", "k5"))).isEqualTo(-1);
        table.add(G, "k5", KeyStateTable.hash("g", "k5"), 77, 0);
        assertThat(table.token(table.find(G, "k5", KeyStateTable.hash("g", "k5")))).isEqualTo(77);
    }
}
