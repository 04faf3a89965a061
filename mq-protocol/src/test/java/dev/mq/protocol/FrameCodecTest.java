package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameCodecTest {

    @Test
    void lengthFieldAboveTheMaximumClosesTheChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

        channel.writeInbound(Unpooled.buffer().writeInt(1025).writeInt(0));

        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.<Object>readInbound()).isNull();
        channel.checkException();
    }

    @Test
    void lengthFieldAtTheMaximumIsAccepted() {
        RemotingCommand command = RemotingCommand.request(1).setBody(new byte[900]);
        byte[] frame = RemotingCommandCodecTest.encode(command);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(frame.length - 4));

        List<RemotingCommand> received = FrameDecoderFuzzProperties.feed(channel, List.of(frame));

        assertThat(received).hasSize(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void defaultMaximumIsSixteenMebibytes() {
        assertThat(new FrameDecoder().maxFrameLength()).isEqualTo(16_777_216);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

        channel.writeInbound(Unpooled.buffer().writeInt(16_777_217));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void negativeLengthFieldClosesTheChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

        channel.writeInbound(Unpooled.buffer().writeInt(-5).writeInt(0));

        assertThat(channel.isOpen()).isFalse();
        channel.checkException();
    }

    @Test
    void malformedFrameAfterValidOnesDeliversTheValidOnesThenCloses() {
        byte[] valid = RemotingCommandCodecTest.encode(RemotingCommand.request(1).setOpaque(1));
        byte[] invalid = RemotingCommandCodecTest.frame(0, "not json".getBytes(StandardCharsets.UTF_8), new byte[0]);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

        channel.writeInbound(Unpooled.wrappedBuffer(valid, invalid, valid));

        assertThat(((RemotingCommand) channel.readInbound()).opaque()).isEqualTo(1);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void decodeErrorIsLoggedOnceWithTheRemoteAddressAndReason() {
        Logger logger = Logger.getLogger(FrameDecoder.class.getName());
        Level previousLevel = logger.getLevel();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());
            byte[] unknownType = RemotingCommandCodecTest.frame(9, new byte[0], new byte[0]);

            channel.writeInbound(Unpooled.wrappedBuffer(unknownType, unknownType));

            assertThat(channel.isOpen()).isFalse();
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                String line = new SimpleFormatter().formatMessage(record);
                assertThat(line).contains("embedded").contains("unknown serialize type 9");
            });
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previousLevel);
        }
    }

    @Test
    void encoderWritesTheBodyBufferAndReleasesTheCommandsReference() {
        ByteBuf body = Unpooled.copiedBuffer("zero-copy", StandardCharsets.UTF_8);
        EmbeddedChannel channel = new EmbeddedChannel(FrameEncoder.INSTANCE, new FrameDecoder());
        RemotingCommand command = RemotingCommand.request(RequestCode.PULL_MESSAGE).setBodyBuffer(body);

        channel.writeOutbound(command);
        ByteBuf frame = channel.readOutbound();

        assertThat(body.refCnt()).isEqualTo(1); // held by the frame only
        assertThat(command.bodyBuffer()).isNull();
        channel.writeInbound(frame);
        RemotingCommand decoded = channel.readInbound();
        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("zero-copy");
        assertThat(body.refCnt()).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderReleasesTheBodyBufferWhenEncodingFails() {
        ByteBuf body = Unpooled.copiedBuffer("x", StandardCharsets.UTF_8);
        EmbeddedChannel channel = new EmbeddedChannel(FrameEncoder.INSTANCE);
        RemotingCommand pop = RemotingCommand.request(RequestCode.POP_MESSAGE)
                .setSerializeType(SerializeType.ROCKETMQ).setBodyBuffer(body);

        assertThatThrownBy(() -> channel.writeOutbound(pop))
                .isInstanceOf(EncoderException.class)
                .hasRootCauseInstanceOf(RemotingCommandException.class);

        assertThat(body.refCnt()).isZero();
        channel.finishAndReleaseAll();
    }
}
