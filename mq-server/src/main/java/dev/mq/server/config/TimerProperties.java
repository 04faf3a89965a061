package dev.mq.server.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code mq.broker.timer.*}: exact-time (timer) delivery.
 *
 * @param maxDelay the latest a timer message may be due, counted from its send (default 3 days, as
 *                 RocketMQ's {@code timerMaxDelaySec}); a send beyond it is refused
 */
public record TimerProperties(@DefaultValue("3d") Duration maxDelay) {

    /** The defaults, as bound when no {@code mq.broker.timer.*} property is set. */
    public static final TimerProperties DEFAULTS = new TimerProperties(Duration.ofDays(3));

    public TimerProperties {
        Checks.positive("mq.broker.timer.max-delay", maxDelay);
    }
}
