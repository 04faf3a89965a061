package dev.mq.bench.load;

import dev.mq.spring.annotation.MqListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The spring receiver's application: auto-configuration only, plus one of the two listeners below
 * (an annotation attribute cannot choose {@code idempotent}, so there is one class for each). Each
 * hands every delivery to the load's {@link Receiver.Listener}, registered as a bean by
 * {@link SpringReceiver}, and does nothing else.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SpringDrainApplication {

    static final String TOPIC = "mq-bench.topic";
    static final String GROUP = "mq-bench.group";
    static final String THREADS = "mq-bench.threads";

    /** {@code idempotent = false}. */
    static class PlainListener {

        private final Receiver.Listener listener;

        PlainListener(Receiver.Listener listener) {
            this.listener = listener;
        }

        @MqListener(topic = "${" + TOPIC + "}", group = "${" + GROUP + "}", concurrency = "${" + THREADS + "}",
                idempotent = false)
        void onMessage(byte[] body) {
            listener.delivered(1, i -> body);
        }
    }

    /** {@code idempotent = true}, with the default key (the message's unique id: it has no keys). */
    static class IdempotentListener {

        private final Receiver.Listener listener;

        IdempotentListener(Receiver.Listener listener) {
            this.listener = listener;
        }

        @MqListener(topic = "${" + TOPIC + "}", group = "${" + GROUP + "}", concurrency = "${" + THREADS + "}",
                idempotent = true)
        void onMessage(byte[] body) {
            listener.delivered(1, i -> body);
        }
    }
}
