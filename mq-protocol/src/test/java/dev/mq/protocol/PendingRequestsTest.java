package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who keeps a response's body in the received frame, and that a response nobody takes releases it. */
class PendingRequestsTest {

    private final PendingRequests pending = new PendingRequests();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final EmbeddedChannel otherChannel = new EmbeddedChannel();

    @AfterEach
    void closeChannels() {
        channel.finishAndReleaseAll();
        otherChannel.finishAndReleaseAll();
    }

    @Test
    void onlyTheResponseToARequestSentRetainingItsBodyKeepsTheFrame() {
        RemotingCommand retaining = RemotingCommand.request(RequestCode.PULL_MESSAGE);
        RemotingCommand copying = RemotingCommand.request(RequestCode.PULL_MESSAGE);
        pending.send(channel, retaining, 10_000, true);
        pending.send(channel, copying, 10_000, false);

        assertThat(pending.retainsBody(channel, retaining.opaque())).isTrue();
        assertThat(pending.retainsBody(otherChannel, retaining.opaque())).as("another connection").isFalse();
        assertThat(pending.retainsBody(channel, copying.opaque())).isFalse();
        assertThat(pending.retainsBody(channel, 12345)).as("nobody waits").isFalse();
    }

    @Test
    void theCallerGetsTheRetainedBodyAndOwnsIt() {
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE);
        CompletableFuture<RemotingCommand> future = pending.send(channel, request, 10_000, true);
        ByteBuf body = Unpooled.copiedBuffer("records", StandardCharsets.UTF_8);

        pending.complete(channel, response(request.opaque(), body));

        assertThat(future).isCompleted();
        assertThat(future.join().bodyBuffer()).isSameAs(body);
        assertThat(body.refCnt()).isEqualTo(1);
        future.join().releaseBodyBuffer();
        assertThat(body.refCnt()).isZero();
    }

    @Test
    void aResponseWhoseCallerGaveUpIsReleased() {
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE);
        CompletableFuture<RemotingCommand> future = pending.send(channel, request, 10_000, true);
        future.cancel(false);
        ByteBuf body = Unpooled.copiedBuffer("records", StandardCharsets.UTF_8);

        pending.complete(channel, response(request.opaque(), body));

        assertThat(body.refCnt()).isZero();
    }

    @Test
    void aResponseOnTheWrongConnectionIsReleased() {
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE);
        CompletableFuture<RemotingCommand> future = pending.send(channel, request, 10_000, true);
        ByteBuf body = Unpooled.copiedBuffer("records", StandardCharsets.UTF_8);

        pending.complete(otherChannel, response(request.opaque(), body));

        assertThat(body.refCnt()).isZero();
        assertThat(future).isNotDone();
    }

    private static RemotingCommand response(int opaque, ByteBuf body) {
        return RemotingCommand.response(ResponseCode.SUCCESS, null).setOpaque(opaque).setBodyBuffer(body);
    }
}
