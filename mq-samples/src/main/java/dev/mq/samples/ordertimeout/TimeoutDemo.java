package dev.mq.samples.ordertimeout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code order-timeout.demo=true}: at start-up, places two orders and pays the second, so the
 * log shows the first cancelled and the second left alone once the payment window is over.
 */
@Component
@ConditionalOnProperty(name = "order-timeout.demo", havingValue = "true")
public class TimeoutDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TimeoutDemo.class);

    private final PaymentWindow paymentWindow;
    private volatile String unpaidOrder;
    private volatile String paidOrder;

    /** A demo placing orders through {@code paymentWindow}. */
    public TimeoutDemo(PaymentWindow paymentWindow) {
        this.paymentWindow = paymentWindow;
    }

    @Override
    public void run(ApplicationArguments args) {
        unpaidOrder = paymentWindow.place();
        paidOrder = paymentWindow.place();
        if (!paymentWindow.pay(paidOrder)) {
            throw new IllegalStateException("the demo could not pay order " + paidOrder);
        }
        log.info("demo: placed {} (left unpaid) and {} (paid); their deadlines come after the payment window",
                unpaidOrder, paidOrder);
    }

    /** The demo's unpaid order (null before the demo ran). */
    public String unpaidOrder() {
        return unpaidOrder;
    }

    /** The demo's paid order (null before the demo ran). */
    public String paidOrder() {
        return paidOrder;
    }
}
