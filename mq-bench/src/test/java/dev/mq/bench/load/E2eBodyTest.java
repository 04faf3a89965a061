package dev.mq.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class E2eBodyTest {

    @Test
    void carriesTheSendTimeForItsOwnRunOnly() {
        byte[] body = E2eBody.create(1024, 42L, 123_456_789L);
        assertThat(body).hasSize(1024);
        assertThat(E2eBody.sendNanos(body, 42L)).isEqualTo(123_456_789L);
        assertThat(E2eBody.sendNanos(body, 43L)).isEqualTo(Long.MIN_VALUE);
        assertThat(E2eBody.sendNanos(new byte[8], 42L)).isEqualTo(Long.MIN_VALUE);
        assertThat(E2eBody.sendNanos(null, 42L)).isEqualTo(Long.MIN_VALUE);
    }
}
