package dev.mq.spring.template;

import dev.mq.spring.MqLocalTransaction;
import dev.mq.spring.TransactionState;
import dev.mq.spring.annotation.MqTransactionListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application of the template's integration tests: a local transaction and a test observation registry. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TemplateTestApplication {

    /** The producer group of {@link PaymentTransaction}. */
    static final String TX_GROUP = "payments";

    /** The trace context a tracer bridge would write; {@link TraceContextStandIn} writes it. */
    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Bean
    TestObservationRegistry observationRegistry() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        registry.observationConfig().observationHandler(new TraceContextStandIn());
        return registry;
    }

    /** Propagates a fixed trace context into every sender context's carrier, as a tracing handler would. */
    static class TraceContextStandIn implements ObservationHandler<SenderContext<Object>> {

        @Override
        public void onStart(SenderContext<Object> context) {
            context.getSetter().set(context.getCarrier(), "traceparent", TRACEPARENT);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof SenderContext<?>;
        }
    }

    @Bean
    PaymentTransaction paymentTransaction() {
        return new PaymentTransaction();
    }

    /**
     * Returns the state given as the argument; its check commits, after recording the message it was
     * asked about.
     */
    @MqTransactionListener(producerGroup = "${test.tx-group}")
    static class PaymentTransaction implements MqLocalTransaction {

        final List<Message<?>> executed = new CopyOnWriteArrayList<>();
        final List<Message<?>> checked = new CopyOnWriteArrayList<>();

        @Override
        public TransactionState execute(Message<?> msg, Object arg) {
            executed.add(msg);
            return (TransactionState) arg;
        }

        @Override
        public TransactionState check(Message<?> msg) {
            checked.add(msg);
            return TransactionState.COMMIT;
        }
    }
}
