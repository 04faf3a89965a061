package dev.mq.compat;

import org.apache.rocketmq.common.MQVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests run with the client line their module names (the same sources run with 4.9.x and 5.x). */
class ClientVersionTest {

    @Test
    void theClientOnTheClassPathIsTheOneThisModuleTests() {
        String expected = System.getProperty("rocketmq.client.expected-version");
        assertThat(expected).as("system property rocketmq.client.expected-version").isNotBlank();
        assertThat(MQVersion.getVersionDesc(MQVersion.CURRENT_VERSION)).isEqualTo("V" + expected.replace('.', '_'));
    }
}
