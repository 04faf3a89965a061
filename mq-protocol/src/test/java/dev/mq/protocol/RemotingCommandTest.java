package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RemotingCommandTest {

    @Test
    void requestHasJavaLanguageCurrentVersionJsonAndNoFlags() {
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC);

        assertThat(request.code()).isEqualTo(105);
        assertThat(request.language()).isEqualTo("JAVA");
        assertThat(request.languageCode()).isEqualTo(LanguageCode.JAVA);
        assertThat(request.version()).isEqualTo(RemotingCommand.CURRENT_VERSION).isEqualTo(479);
        assertThat(request.serializeType()).isEqualTo(SerializeType.JSON);
        assertThat(request.flag()).isZero();
        assertThat(request.isResponse()).isFalse();
        assertThat(request.isOneway()).isFalse();
        assertThat(request.extFields()).isEmpty();
        assertThat(request.remark()).isNull();
        assertThat(request.body()).isNull();
    }

    @Test
    void responseToCopiesOpaqueAndSerializeTypeAndSetsTheResponseFlag() {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2)
                .setOpaque(42)
                .setSerializeType(SerializeType.ROCKETMQ)
                .markOneway();

        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "no topic");

        assertThat(response.code()).isEqualTo(17);
        assertThat(response.remark()).isEqualTo("no topic");
        assertThat(response.opaque()).isEqualTo(42);
        assertThat(response.serializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.isOneway()).isFalse();
        assertThat(response.flag()).isEqualTo(RemotingCommand.RESPONSE_FLAG);
    }

    @Test
    void flagsAreIndependentBits() {
        RemotingCommand command = RemotingCommand.request(1).markOneway();
        assertThat(command.flag()).isEqualTo(RemotingCommand.ONEWAY_FLAG);
        command.markResponse();
        assertThat(command.flag()).isEqualTo(3);
        assertThat(command.isOneway()).isTrue();
        assertThat(command.isResponse()).isTrue();
    }

    @Test
    void putExtWritesStringValueOfAndIgnoresNull() {
        RemotingCommand command = RemotingCommand.request(RequestCode.PULL_MESSAGE)
                .putExt("queueId", 3)
                .putExt("queueOffset", 1L << 40)
                .putExt("commitOffset", null)
                .putExt("hasMore", true);

        assertThat(command.extFields()).containsExactly(
                Map.entry("queueId", "3"), Map.entry("queueOffset", "1099511627776"), Map.entry("hasMore", "true"));
        assertThat(command.extInt("queueId")).isEqualTo(3);
        assertThat(command.extLong("queueOffset")).isEqualTo(1L << 40);
        assertThat(command.extBoolean("hasMore")).isTrue();
        assertThat(command.ext("commitOffset")).isNull();
        assertThat(command.extInt("commitOffset")).isNull();
        assertThat(command.extLong("commitOffset")).isNull();
        assertThat(command.extBoolean("commitOffset")).isNull();
        assertThat(command.requireExtInt("queueId")).isEqualTo(3);
        assertThat(command.requireExtLong("queueOffset")).isEqualTo(1L << 40);
        assertThat(command.requireExt("hasMore")).isEqualTo("true");
    }

    @Test
    void requireExtNamesTheMissingFieldAndTheCode() {
        RemotingCommand command = RemotingCommand.request(RequestCode.PULL_MESSAGE);

        assertThatThrownBy(() -> command.requireExt("topic"))
                .isInstanceOf(RemotingCommandException.class)
                .hasMessage("missing header field 'topic' in request code 11");
        assertThatThrownBy(() -> command.requireExtInt("queueId"))
                .hasMessage("missing header field 'queueId' in request code 11");
        assertThatThrownBy(() -> command.requireExtLong("queueOffset"))
                .hasMessage("missing header field 'queueOffset' in request code 11");
    }

    @Test
    void nonNumericExtFieldsAreReportedAsCommandErrors() {
        RemotingCommand command = RemotingCommand.request(RequestCode.PULL_MESSAGE).putExt("queueId", "x");

        assertThatThrownBy(() -> command.extInt("queueId"))
                .isInstanceOf(RemotingCommandException.class)
                .hasMessageContaining("'queueId'").hasMessageContaining("request code 11").hasMessageContaining("'x'");
        assertThatThrownBy(() -> command.requireExtLong("queueId")).isInstanceOf(RemotingCommandException.class);
    }

    @Test
    void setExtFieldsCopiesAndSkipsNullValues() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("a", "1");
        fields.put("b", null);
        RemotingCommand command = RemotingCommand.request(1).putExt("old", 1).setExtFields(fields);
        fields.put("c", "3");

        assertThat(command.extFields()).containsExactly(Map.entry("a", "1"));
        assertThat(command.setExtFields(null).extFields()).isEmpty();
    }

    @Test
    void languageNamesAndBytesMapToTheEnumAndUnknownOnesToOther() {
        RemotingCommand command = RemotingCommand.request(1);
        assertThat(command.setLanguage("GO").language()).isEqualTo("GO");
        assertThat(command.setLanguage("KOTLIN").languageCode()).isEqualTo(LanguageCode.OTHER);
        assertThat(LanguageCode.fromCode(13)).isEqualTo(LanguageCode.NODE_JS);
        assertThat(LanguageCode.fromCode(99)).isEqualTo(LanguageCode.OTHER);
        assertThat(LanguageCode.fromCode(-1)).isEqualTo(LanguageCode.OTHER);
        for (LanguageCode language : LanguageCode.values()) {
            assertThat(LanguageCode.fromCode(language.code())).isEqualTo(language);
        }
    }

    @Test
    void serializeTypeCodes() {
        assertThat(SerializeType.JSON.code()).isZero();
        assertThat(SerializeType.ROCKETMQ.code()).isEqualTo(1);
        assertThat(SerializeType.valueOf(0)).isEqualTo(SerializeType.JSON);
        assertThat(SerializeType.valueOf(1)).isEqualTo(SerializeType.ROCKETMQ);
        assertThatThrownBy(() -> SerializeType.valueOf(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bodyBufferTakesPrecedenceAndIsReleasedOnce() {
        ByteBuf buffer = Unpooled.copiedBuffer(new byte[] {1, 2, 3});
        RemotingCommand command = RemotingCommand.request(1).setBody(new byte[10]).setBodyBuffer(buffer);

        assertThat(command.bodyLength()).isEqualTo(3);
        command.releaseBodyBuffer();
        command.releaseBodyBuffer();

        assertThat(buffer.refCnt()).isZero();
        assertThat(command.bodyBuffer()).isNull();
        assertThat(command.bodyLength()).isEqualTo(10);
    }
}
