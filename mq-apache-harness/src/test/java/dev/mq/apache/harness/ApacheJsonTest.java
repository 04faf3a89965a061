package dev.mq.apache.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ApacheJsonTest {

    private static String quoted(String json) {
        return new String(ApacheJson.quoteNumberKeys(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void quotesNumberKeysAsFastjsonWritesThem() {
        assertThat(quoted("{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"127.0.0.1:10911\",1:\"127.0.0.1:10921\"},"
                + "\"brokerName\":\"broker-a\"}}}"))
                .isEqualTo("{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\",\"1\":\"127.0.0.1:10921\"},"
                        + "\"brokerName\":\"broker-a\"}}}");
        assertThat(quoted("{ -1 : 2, 10:{3 :4}}")).isEqualTo("{ \"-1\" : 2, \"10\":{\"3\" :4}}");
    }

    @Test
    void leavesValuesArraysAndStringsAlone() {
        String standard = "{\"a\":1,\"b\":[1,2,{\"c\":-3.5e2}],\"d\":\"{0:1, 2:3}\",\"e\":\"\\\"{4:5}\",\"f\":{\"6\":7}}";
        assertThat(quoted(standard)).isEqualTo(standard);
        assertThat(quoted("[0,1,{2:3}]")).isEqualTo("[0,1,{\"2\":3}]");
    }
}
