package dev.mq.protocol.body;

import dev.mq.protocol.RemotingCommandException;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemotingJsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bareNumberKeysAsApachesNameServerWritesThemAreRead() {
        ClusterInfo info = RemotingJson.decode(utf8("""
                {"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921"},
                "brokerName":"broker-a","cluster":"DefaultCluster"}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}
                """), ClusterInfo.class);

        assertThat(info.brokerAddrTable().get("broker-a").brokerAddrs())
                .isEqualTo(Map.of(0L, "127.0.0.1:10911", 1L, "127.0.0.1:10921"));
        assertThat(info.clusterAddrTable()).isEqualTo(Map.of("DefaultCluster", Set.of("broker-a")));
    }

    @Test
    void quotedKeysAndUnknownFieldsAreReadAndWhatWeWriteIsStandardJson() {
        BrokerData data = RemotingJson.decode(utf8(
                "{\"cluster\":\"c\",\"brokerName\":\"b\",\"brokerAddrs\":{\"0\":\"h:1\"},\"zoneName\":\"z\"}"),
                BrokerData.class);

        assertThat(data).isEqualTo(new BrokerData("c", "b", Map.of(0L, "h:1")));
        assertThat(new String(RemotingJson.encode(data), StandardCharsets.UTF_8)).contains("\"brokerAddrs\":{\"0\":\"h:1\"}");
    }

    @Test
    void aBodyThatIsNoJsonIsRefusedNamingTheType() {
        assertThatThrownBy(() -> RemotingJson.decode(utf8("{brokerAddrs:"), BrokerData.class))
                .isInstanceOf(RemotingCommandException.class).hasMessageContaining("BrokerData body is not valid");
        assertThatThrownBy(() -> RemotingJson.decode(new byte[0], BrokerData.class))
                .isInstanceOf(RemotingCommandException.class).hasMessageContaining("no BrokerData body");
    }
}
