package dev.mq.protocol.header;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.SerializeType;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What is particular to the send header: two spellings, the batch code, and the cheap topic lookup. */
class SendMessageHeaderTest {

    private static final SendMessageHeader HEADER = new SendMessageHeader("pg", "TopicA", "TBW102", 4, 1, 0,
            1700000000000L, 0, HeaderCases.PROPERTIES, 0, false, null, false, null);

    private static RemotingCommand v1(SendMessageHeader header) {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE);
        header.writeTo(command);
        return command;
    }

    private static RemotingCommand v2(int code, SendMessageHeader header) {
        RemotingCommand command = RemotingCommand.request(code);
        header.writeV2To(command);
        return command;
    }

    @Test
    void v1AndV2EncodingsOfTheSameRecordReadBackEqual() {
        assertThat(SendMessageHeader.read(v1(HEADER))).isEqualTo(HEADER)
                .isEqualTo(SendMessageHeader.read(v2(RequestCode.SEND_MESSAGE_V2, HEADER)));

        SendMessageHeader batch = new SendMessageHeader("pg", "TopicA", "TBW102", 4, 1, 0, 1L, 0, null, 0, null, null,
                true, "broker-a");
        assertThat(SendMessageHeader.read(v1(batch))).isEqualTo(batch)
                .isEqualTo(SendMessageHeader.read(v2(RequestCode.SEND_BATCH_MESSAGE, batch)))
                .isEqualTo(SendMessageHeader.read(v2(RequestCode.SEND_MESSAGE_V2, batch)));
    }

    @Test
    void theTwoSpellingsShareNoFieldName() {
        assertThat(v1(HEADER).extFields().keySet())
                .doesNotContainAnyElementsOf(v2(RequestCode.SEND_MESSAGE_V2, HEADER).extFields().keySet());
        assertThat(v2(RequestCode.SEND_MESSAGE_V2, HEADER).extFields().keySet()).allMatch(name -> name.length() == 1);
    }

    @Test
    void sendBatchMessageIsABatchWhateverTheHeaderSays() {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_BATCH_MESSAGE)
                .putExt("a", "pg").putExt("b", "TopicA").putExt("e", 0);
        assertThat(SendMessageHeader.read(command).batch()).isTrue();
        assertThat(SendMessageHeader.read(command.putExt("m", false)).batch()).isTrue();
    }

    @Test
    void otherCodesReadTheBatchField() {
        RemotingCommand v2 = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .putExt("a", "pg").putExt("b", "TopicA").putExt("e", 0);
        assertThat(SendMessageHeader.read(v2).batch()).isFalse();
        assertThat(SendMessageHeader.read(v2.putExt("m", true)).batch()).isTrue();

        RemotingCommand v1 = RemotingCommand.request(RequestCode.SEND_MESSAGE)
                .putExt("producerGroup", "pg").putExt("topic", "TopicA").putExt("queueId", 0);
        assertThat(SendMessageHeader.read(v1).batch()).isFalse();
        assertThat(SendMessageHeader.read(v1.putExt("batch", true)).batch()).isTrue();
    }

    @Test
    void onlySendMessageUsesTheLongNames() {
        // as the broker reads it today: any code but SEND_MESSAGE is read by letters (e.g. SEND_REPLY_MESSAGE_V2)
        RemotingCommand reply = v2(RequestCode.SEND_REPLY_MESSAGE_V2, HEADER);
        assertThat(SendMessageHeader.read(reply)).isEqualTo(HEADER);
    }

    @Test
    void topicOfReadsTheSpellingOfTheCode() {
        assertThat(SendMessageHeader.topicOf(v1(HEADER))).isEqualTo("TopicA");
        assertThat(SendMessageHeader.topicOf(v2(RequestCode.SEND_MESSAGE_V2, HEADER))).isEqualTo("TopicA");
        assertThat(SendMessageHeader.topicOf(v2(RequestCode.SEND_BATCH_MESSAGE, HEADER))).isEqualTo("TopicA");

        assertThat(SendMessageHeader.topicOf(RemotingCommand.request(RequestCode.SEND_MESSAGE).putExt("b", "X")))
                .isNull();
        assertThat(SendMessageHeader.topicOf(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).putExt("topic", "X")))
                .isNull();
        assertThat(SendMessageHeader.topicOf(RemotingCommand.request(RequestCode.SEND_MESSAGE_V2))).isNull();
    }

    @Test
    void aFailedSendAnswerCarriesOnlyRegionAndTrace() {
        RemotingCommand response = RemotingCommand.response(13, "bad message");
        SendMessageResponseHeader.writeRegionAndTrace(response, "DefaultRegion", true);
        assertThat(response.extFields()).containsOnlyKeys("MSG_REGION", "TRACE_ON")
                .containsEntry("MSG_REGION", "DefaultRegion").containsEntry("TRACE_ON", "true");
    }

    /**
     * Many random headers, each written both ways and sent through the frame codec: every one reads
     * back equal. Seeded, so a failure repeats.
     */
    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void randomHeadersSurviveBothSpellingsAndTheCodec(SerializeType type) {
        Random random = new Random(20240611L + type.ordinal());
        for (int i = 0; i < 500; i++) {
            SendMessageHeader header = randomHeader(random);
            int v2Code = header.batch() && random.nextBoolean() ? RequestCode.SEND_BATCH_MESSAGE
                    : RequestCode.SEND_MESSAGE_V2;
            RemotingCommand viaV1 = HeaderContractTest.encodeAndDecode(v1(header).setSerializeType(type));
            RemotingCommand viaV2 = HeaderContractTest.encodeAndDecode(v2(v2Code, header).setSerializeType(type));
            assertThat(SendMessageHeader.read(viaV1)).as("V1 %s", header).isEqualTo(header);
            assertThat(SendMessageHeader.read(viaV2)).as("V2 %s", header).isEqualTo(header);
            assertThat(SendMessageHeader.topicOf(viaV2)).isEqualTo(header.topic());
        }
    }

    private static SendMessageHeader randomHeader(Random random) {
        return new SendMessageHeader(text(random), text(random), random.nextBoolean() ? text(random) : null,
                random.nextInt(1025), random.nextInt(64) - 1, random.nextInt(), random.nextLong(), random.nextInt(),
                random.nextBoolean() ? text(random) : null, random.nextInt(20),
                random.nextBoolean() ? random.nextBoolean() : null,
                random.nextBoolean() ? random.nextInt(20) : null, random.nextBoolean(),
                random.nextBoolean() ? text(random) : null);
    }

    /**
     * A non-empty string (the binary header cannot tell an empty string from an absent one) mixing
     * ASCII, the property separators, quotes, backslashes and characters outside the BMP.
     */
    private static String text(Random random) {
        String[] pieces = {"a", "Z", "%RETRY%", "_", "-", "\u0001", "\u0002", "\"", "\\", "\n", "é", "中", "\uD83D\uDE00", " "};
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
