package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every command survives encode then decode, in both header encodings. */
class CodecRoundTripProperties {

    @Property(tries = 300)
    void jsonRoundTripKeepsEveryField(@ForAll("jsonCommands") RemotingCommand command) {
        RemotingCommand decoded = RemotingCommandCodecTest.decodeFrame(RemotingCommandCodecTest.encode(command));

        assertSameFields(decoded, command, command.remark(), command.extFields());
    }

    @Property(tries = 300)
    void binaryRoundTripKeepsEveryFieldButEmptyStrings(@ForAll("binaryCommands") RemotingCommand command) {
        RemotingCommand decoded = RemotingCommandCodecTest.decodeFrame(RemotingCommandCodecTest.encode(command));

        String remark = command.remark() == null || command.remark().isEmpty() ? null : command.remark();
        Map<String, String> ext = new LinkedHashMap<>(command.extFields());
        ext.values().removeIf(String::isEmpty);
        assertSameFields(decoded, command, remark, ext);
    }

    private static void assertSameFields(RemotingCommand decoded, RemotingCommand command, String remark,
                                         Map<String, String> ext) {
        assertThat(decoded.serializeType()).isEqualTo(command.serializeType());
        assertThat(decoded.code()).isEqualTo(command.code());
        assertThat(decoded.languageCode()).isEqualTo(command.languageCode());
        assertThat(decoded.version()).isEqualTo(command.version());
        assertThat(decoded.opaque()).isEqualTo(command.opaque());
        assertThat(decoded.flag()).isEqualTo(command.flag());
        assertThat(decoded.remark()).isEqualTo(remark);
        assertThat(decoded.extFields()).containsExactlyEntriesOf(ext);
        if (command.body() == null || command.body().length == 0) {
            assertThat(decoded.body()).isNull();
        } else {
            assertThat(decoded.body()).isEqualTo(command.body());
        }
    }

    @Provide
    Arbitrary<RemotingCommand> jsonCommands() {
        return CommandArbitraries.commands(SerializeType.JSON);
    }

    @Provide
    Arbitrary<RemotingCommand> binaryCommands() {
        return CommandArbitraries.commands(SerializeType.ROCKETMQ);
    }
}
