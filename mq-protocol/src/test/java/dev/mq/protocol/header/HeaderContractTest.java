package dev.mq.protocol.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandCodec;
import dev.mq.protocol.RemotingCommandException;
import dev.mq.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every header record keeps, checked for each {@link HeaderCases case}: what it writes
 * reads back equal, it reads and writes Apache's field names, it requires what the server requires
 * and names a missing or malformed field, and it survives the real frame codec in both header
 * encodings.
 */
class HeaderContractTest {

    static List<HeaderCase<?>> cases() {
        return HeaderCases.all();
    }

    static Stream<Arguments> casesAndSerializeTypes() {
        return cases().stream().flatMap(c -> Stream.of(SerializeType.values()).map(type -> Arguments.of(c, type)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSampleSetsEveryComponentAndTheWireMapNamesOneFieldPerComponent(HeaderCase<?> c) throws Exception {
        RecordComponent[] components = c.full().getClass().getRecordComponents();
        for (RecordComponent component : components) {
            assertThat(component.getAccessor().invoke(c.full())).as(component.getName()).isNotNull();
        }
        assertThat(c.wire()).hasSize(components.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void whatIsWrittenReadsBackEqual(HeaderCase<?> c) {
        roundTrip(c);
    }

    private static <H extends CommandHeader> void roundTrip(HeaderCase<H> c) {
        assertThat(c.read(c.written(c.full()))).isEqualTo(c.full());
        assertThat(c.read(c.written(c.minimal()))).isEqualTo(c.minimal());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesApacheFieldNames(HeaderCase<?> c) {
        writesApacheNames(c);
    }

    private static <H extends CommandHeader> void writesApacheNames(HeaderCase<H> c) {
        assertThat(c.written(c.full()).extFields()).containsExactlyInAnyOrderEntriesOf(c.wire());
        assertThat(c.written(c.minimal()).extFields()).as("null components are not written")
                .containsExactlyInAnyOrderEntriesOf(c.minimalWire());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsApacheFieldNames(HeaderCase<?> c) {
        assertThat((Object) c.read(c.command(c.wire()))).isEqualTo(c.full());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void optionalFieldsMayBeAbsent(HeaderCase<?> c) {
        assertThat((Object) c.read(c.command(c.requiredWire()))).isEqualTo(c.minimal());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aMissingRequiredFieldFailsNamingItAndTheCode(HeaderCase<?> c) {
        for (String field : c.required()) {
            Map<String, String> fields = new LinkedHashMap<>(c.wire());
            fields.remove(field);
            RemotingCommand command = c.command(fields);
            assertThatThrownBy(() -> c.read(command)).as(field)
                    .isInstanceOf(RemotingCommandException.class)
                    .hasMessageContaining("missing header field '" + field + "'")
                    .hasMessageContaining("code " + c.code());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aNonNumericRequiredNumberFailsNamingIt(HeaderCase<?> c) {
        for (String field : c.required()) {
            if (!c.wire().get(field).matches("-?[0-9]+")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>(c.wire());
            fields.put(field, "x");
            RemotingCommand command = c.command(fields);
            assertThatThrownBy(() -> c.read(command)).as(field)
                    .isInstanceOf(RemotingCommandException.class)
                    .hasMessageContaining("header field '" + field + "'")
                    .hasMessageContaining("'x'");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndSerializeTypes")
    void survivesTheFrameCodec(HeaderCase<?> c, SerializeType type) {
        throughCodec(c, type);
    }

    private static <H extends CommandHeader> void throughCodec(HeaderCase<H> c, SerializeType type) {
        RemotingCommand sent = c.written(c.full()).setSerializeType(type);
        RemotingCommand received = encodeAndDecode(sent);
        assertThat(received.serializeType()).isEqualTo(type);
        assertThat(received.code()).isEqualTo(c.code());
        assertThat(c.read(received)).isEqualTo(c.full());
    }

    /** The command through {@link RemotingCommandCodec}: a whole frame, then decoded after its length field. */
    static RemotingCommand encodeAndDecode(RemotingCommand command) {
        ByteBuf frame = RemotingCommandCodec.encode(command, ByteBufAllocator.DEFAULT);
        try {
            assertThat(frame.readInt()).as("length field").isEqualTo(frame.readableBytes());
            return RemotingCommandCodec.decode(frame);
        } finally {
            frame.release();
        }
    }
}
