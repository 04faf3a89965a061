package dev.mq.message.record;

import dev.mq.message.PropertyNames;

import dev.mq.message.MessageProperties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyLocationsTest {

    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);
    private static final String[] NAMES = {PropertyNames.TAGS, PropertyNames.KEYS, PropertyNames.UNIQ_KEY};

    @Property(tries = 500)
    void oneScanFindsWhatOneLookupPerNameFinds(@ForAll("properties") String properties) {
        RecordView view = stored(properties);
        PropertyLocations locations = new PropertyLocations(NAMES);

        view.locateProperties(locations);

        for (int slot = 0; slot < NAMES.length; slot++) {
            String expected = view.property(NAMES[slot].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(locations.value(slot)).as(NAMES[slot]).isEqualTo(expected);
            assertThat(locations.present(slot)).isEqualTo(expected != null);
        }
    }

    @Property(tries = 500)
    void hashesAreThoseOfTheDecodedTextContinuedFromAPrefix(@ForAll("properties") String properties,
                                                             @ForAll("texts") String prefix) {
        RecordView view = stored(properties);
        PropertyLocations locations = new PropertyLocations(NAMES);
        view.locateProperties(locations);

        for (int slot = 0; slot < NAMES.length; slot++) {
            if (locations.present(slot)) {
                String value = locations.value(slot);
                assertThat(locations.hash(locations.start(slot), locations.end(slot), prefix.hashCode()))
                        .isEqualTo((prefix + value).hashCode());
                assertThat(locations.hash(locations.start(slot), locations.end(slot), 0)).isEqualTo(value.hashCode());
            }
        }
    }

    @Property(tries = 200)
    void propertiesCopiedOutOfTheRecordAreFoundAsInIt(@ForAll("properties") String properties) {
        RecordView view = stored(properties);
        PropertyLocations inRecord = new PropertyLocations(NAMES);
        view.locateProperties(inRecord);
        byte[] bytes = properties.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer copy = ByteBuffer.allocate(bytes.length + 5).position(5).put(bytes);
        PropertyLocations inCopy = new PropertyLocations(NAMES);

        inCopy.locate(copy, 5, 5 + bytes.length);

        for (int slot = 0; slot < NAMES.length; slot++) {
            assertThat(inCopy.value(slot)).as(NAMES[slot]).isEqualTo(inRecord.value(slot));
        }
    }

    @Test
    void theFirstPairOfANameCountsAndEmptyValuesAreAbsent() {
        String properties = "TAGS\u0001\u0002KEYS\u0001a b\u0002KEYS\u0001c\u0002UNIQ_KEY\u0001Ü1\u0002";
        PropertyLocations locations = new PropertyLocations(NAMES);

        stored(properties).locateProperties(locations);

        assertThat(locations.present(0)).isFalse();
        assertThat(locations.value(0)).isNull();
        assertThat(locations.value(1)).isEqualTo("a b");
        assertThat(locations.value(2)).isEqualTo("Ü1");
        assertThat(locations.hash(locations.start(2), locations.end(2), 7)).isEqualTo(
                PropertyLocations.continueHash(7, "Ü1"));
    }

    @Test
    void aNameThatOnlyStartsLikeAWantedOneDoesNotMatch() {
        PropertyLocations locations = new PropertyLocations(NAMES);

        stored("TAGSX\u0001no\u0002KEY\u0001no\u0002").locateProperties(locations);

        assertThat(locations.present(0)).isFalse();
        assertThat(locations.present(1)).isFalse();
    }

    private static RecordView stored(String properties) {
        AppendMessage message = AppendMessage.of("Topic", 0, new byte[] {1, 2, 3}, properties, 1L);
        byte[] bytes = RecordEncoder.encode(message, HOST);
        // the record sits after other bytes in a direct buffer, as in a mapped segment
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length + 100);
        buffer.position(37);
        buffer.put(bytes);
        return new RecordView().wrap(buffer, 37);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(12),
                Arbitraries.strings().withCharRange(' ', '\u00ff').ofMaxLength(12),
                Arbitraries.strings().withChars("aZ 9ü€中").ofMaxLength(8));
    }

    @Provide
    Arbitrary<String> properties() {
        Arbitrary<String> name = Arbitraries.of(PropertyNames.TAGS, PropertyNames.KEYS,
                PropertyNames.UNIQ_KEY, "WAIT", "TAG", "KEYSX", "UNIQ", "X");
        Arbitrary<String> value = texts().map(t -> t.replace('\u0001', '.').replace('\u0002', '.'));
        Arbitrary<String> pair = net.jqwik.api.Combinators.combine(name, value, Arbitraries.of(true, true, true, false))
                .as((n, v, withSeparator) -> withSeparator ? n + MessageProperties.NAME_VALUE_SEPARATOR + v : n + v);
        return pair.list().ofMaxSize(6).map(pairs -> {
            List<String> all = new ArrayList<>(pairs);
            StringBuilder sb = new StringBuilder();
            for (String p : all) {
                sb.append(p).append(MessageProperties.PROPERTY_SEPARATOR);
            }
            return sb.toString();
        });
    }
}
