package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The hand-written JSON header writer against the Jackson one it replaced ({@link JacksonHeaderReference}):
 * its bytes must be identical.
 */
class JsonHeaderOracleProperties {

    // ---- writer ----

    @Property(tries = 1000)
    void writerOutputIsByteIdenticalToJacksons(@ForAll("commands") RemotingCommand command,
                                               @ForAll boolean direct, @ForAll @IntRange(max = 300) int capacity) {
        ByteBuf ours = direct ? Unpooled.directBuffer(capacity) : Unpooled.buffer(capacity);
        try {
            JsonHeaderWriter.write(command, ours);

            assertThat(ByteBufUtil.getBytes(ours)).isEqualTo(jacksonBytes(command));
        } finally {
            ours.release();
        }
    }

    // ---- helpers ----

    static byte[] jacksonBytes(RemotingCommand command) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            JacksonHeaderReference.write(command, buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    @Provide
    Arbitrary<RemotingCommand> commands() {
        return CommandArbitraries.jsonCommandsWithAnyText();
    }
}
