package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the {@link FrameDecoder} never lets an exception out of the pipeline: it
 * either produces valid commands, waits for more bytes, or closes the channel.
 */
@StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
class FrameDecoderFuzzProperties {

    private static final int MAX_FRAME_LENGTH = 64 * 1024;

    @Property(tries = 300)
    void randomBytesYieldCommandsOrCloseTheChannel(@ForAll @Size(max = 8) List<@Size(max = 300) byte[]> chunks,
                                                   @ForAll @IntRange(min = 4, max = 2048) int maxFrameLength) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(maxFrameLength));

        List<RemotingCommand> commands = feed(channel, chunks);

        assertThat(commands).allSatisfy(command -> assertThat(command).isNotNull());
        channel.checkException();
        Statistics.collect(channel.isOpen() ? "open" : "closed");
        Statistics.coverage(coverage -> coverage.check("closed").count(n -> n > 0));
        channel.finishAndReleaseAll();
    }

    @Property(tries = 200)
    void truncatedFramesWaitForTheRestAndThenDecode(@ForAll("commands") RemotingCommand command,
                                                    @ForAll @IntRange(min = 0, max = 100) int cutPercent) {
        byte[] frame = RemotingCommandCodecTest.encode(command);
        int cut = frame.length * cutPercent / 101;
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME_LENGTH));

        List<RemotingCommand> beforeRest = feed(channel, List.of(Arrays.copyOf(frame, cut)));
        assertThat(beforeRest).isEmpty();
        assertThat(channel.isOpen()).isTrue();

        List<RemotingCommand> afterRest = feed(channel, List.of(Arrays.copyOfRange(frame, cut, frame.length)));
        assertThat(afterRest).hasSize(1);
        assertThat(afterRest.get(0).opaque()).isEqualTo(command.opaque());
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Property(tries = 200)
    void framesSplitAnywhereDecodeInOrder(@ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("commands") RemotingCommand> sent,
                                          @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 10_000) Integer> splits) {
        byte[] stream = concat(sent.stream().map(RemotingCommandCodecTest::encode).toList());
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME_LENGTH));

        List<RemotingCommand> received = feed(channel, split(stream, splits));

        assertThat(channel.isOpen()).isTrue();
        assertThat(received).extracting(RemotingCommand::opaque)
                .containsExactlyElementsOf(sent.stream().map(RemotingCommand::opaque).toList());
        channel.finishAndReleaseAll();
    }

    @Property(tries = 300)
    void flippedBytesYieldCommandsOrCloseTheChannel(@ForAll("commands") RemotingCommand command,
                                                    @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                                    @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] frame = RemotingCommandCodecTest.encode(command);
        for (int position : positions) {
            frame[position % frame.length] ^= (byte) mask;
        }
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME_LENGTH));

        List<RemotingCommand> received = feed(channel, List.of(frame));

        assertThat(received.size()).isLessThanOrEqualTo(1);
        channel.checkException();
        Statistics.collect(!channel.isOpen() ? "closed" : received.isEmpty() ? "waiting" : "decoded");
        Statistics.coverage(coverage -> {
            coverage.check("closed").count(n -> n > 0);
            coverage.check("decoded").count(n -> n > 0);
        });
        channel.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<RemotingCommand> commands() {
        return CommandArbitraries.commands();
    }

    /** Writes the chunks while the channel is open and returns every decoded command. */
    static List<RemotingCommand> feed(EmbeddedChannel channel, List<byte[]> chunks) {
        List<RemotingCommand> commands = new ArrayList<>();
        for (byte[] chunk : chunks) {
            if (!channel.isOpen()) {
                break;
            }
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            Object message;
            while ((message = channel.readInbound()) != null) {
                assertThat(message).isInstanceOf(RemotingCommand.class);
                commands.add((RemotingCommand) message);
            }
        }
        return commands;
    }

    private static byte[] concat(List<byte[]> parts) {
        int length = parts.stream().mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static List<byte[]> split(byte[] stream, List<Integer> splits) {
        List<Integer> points = new ArrayList<>();
        for (int split : splits) {
            points.add(split % (stream.length + 1));
        }
        points.add(0);
        points.add(stream.length);
        points.sort(null);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            chunks.add(Arrays.copyOfRange(stream, points.get(i - 1), points.get(i)));
        }
        return chunks;
    }
}
