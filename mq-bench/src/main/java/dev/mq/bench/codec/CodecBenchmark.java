package dev.mq.bench.codec;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandCodec;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Encoding and decoding of whole remoting frames ({@link RemotingCommandCodec}) as the broker sees
 * them on its hot path: a SEND_MESSAGE_V2 request with the header the official Java producer sends
 * (short field names a..n, properties with UNIQ_KEY, WAIT and TAGS) and a 1 KiB body, and the
 * SEND_MESSAGE response. {@code type} is the header encoding: JSON (the client default) or the
 * binary ROCKETMQ one. Buffers come from Netty's pooled allocator, as on the server.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {

    private static final int DISTINCT_REQUESTS = 1024;

    @Param({"JSON", "ROCKETMQ"})
    public SerializeType type;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private RemotingCommand request;
    private RemotingCommand response;
    /** Requests as a producer sends them: each with its own born timestamp and unique key. */
    private ByteBuf[] encodedRequests;
    private int next;

    @Setup
    public void setUp() {
        byte[] body = new byte[1024];
        ThreadLocalRandom.current().nextBytes(body);
        request = sendMessageV2Request(body).setSerializeType(type);
        response = sendMessageResponse().setSerializeType(type);
        encodedRequests = new ByteBuf[DISTINCT_REQUESTS];
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            encodedRequests[i] = RemotingCommandCodec.encode(sendMessageV2Request(body, i).setSerializeType(type), alloc);
        }
    }

    @TearDown
    public void tearDown() {
        for (ByteBuf encoded : encodedRequests) {
            encoded.release();
        }
    }

    /** A SEND_MESSAGE_V2 request as the 5.x Java producer writes it for a 1 KiB message with a tag. */
    static RemotingCommand sendMessageV2Request(byte[] body) {
        return sendMessageV2Request(body, 0);
    }

    /** The {@code n}th such request: born {@code n} ms after the first, with its own unique key. */
    static RemotingCommand sendMessageV2Request(byte[] body, int n) {
        String properties = "UNIQ_KEY\u00017F0000010B6418B4AAC2738F" + String.format("%012X", 0x1A7E0000L + n)
                + "\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002";
        return RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .setOpaque(123_456)
                .putExt("a", "bench_producer_group")
                .putExt("b", "BenchTopic")
                .putExt("c", "TBW102")
                .putExt("d", 4)
                .putExt("e", 3)
                .putExt("f", 0)
                .putExt("g", 1_795_000_000_000L + n)
                .putExt("h", 0)
                .putExt("i", properties)
                .putExt("j", 0)
                .putExt("k", false)
                .putExt("m", false)
                .putExt("n", "broker-a")
                .setBody(body);
    }

    /** The broker's answer to a stored message. */
    static RemotingCommand sendMessageResponse() {
        return RemotingCommand.response(ResponseCode.SUCCESS, null)
                .setOpaque(123_456)
                .putExt("msgId", "7F00000100002A9F0000000000A1B2C3")
                .putExt("queueId", 3)
                .putExt("queueOffset", 1_234_567L)
                .putExt("MSG_REGION", "DefaultRegion")
                .putExt("TRACE_ON", "true");
    }

    @Benchmark
    public int encodeRequest() {
        ByteBuf frame = RemotingCommandCodec.encode(request, alloc);
        int length = frame.readableBytes();
        frame.release();
        return length;
    }

    @Benchmark
    public RemotingCommand decodeRequest() {
        ByteBuf frame = encodedRequests[next].duplicate();
        next = (next + 1) & (DISTINCT_REQUESTS - 1);
        frame.skipBytes(4); // the length field, which the frame decoder strips
        return RemotingCommandCodec.decode(frame);
    }

    @Benchmark
    public int encodeResponse() {
        ByteBuf frame = RemotingCommandCodec.encode(response, alloc);
        int length = frame.readableBytes();
        frame.release();
        return length;
    }
}
