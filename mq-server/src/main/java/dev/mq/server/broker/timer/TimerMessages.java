package dev.mq.server.broker.timer;

import dev.mq.message.MessageProperties;
import dev.mq.message.PropertyNames;
import dev.mq.message.TopicNames;
import dev.mq.message.record.AppendMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Exact-time (timer) sends: reads the TIMER_* properties of a send, decides when it is due, and
 * builds the record parked in {@link TopicNames#TIMER_TOPIC} and the properties of the delivered copy.
 *
 * <p>The properties are read in RocketMQ's order: TIMER_DELAY_SEC, TIMER_DELAY_MS (relative to
 * now), TIMER_DELIVER_MS, then {@code __STARTDELIVERTIME} (absolute epoch ms, used by older and
 * commercial clients). A delay level (DELAY &gt; 0) wins and the TIMER_* properties are dropped; a
 * due time not in the future is delivered at once; one beyond {@code mq.broker.timer.max-delay}
 * is refused.
 */
public final class TimerMessages {

    private static final System.Logger LOG = System.getLogger(TimerMessages.class.getName());

    private final Clock clock;
    private final Duration maxDelay;

    public TimerMessages(Clock clock, Duration maxDelay) {
        this.clock = clock;
        this.maxDelay = maxDelay;
    }

    /** What a send asks for. {@code problem} is set when the send must be refused. */
    public record Decision(Kind kind, long dueMs, String problem) {

        enum Kind { NONE, STRIP, DELIVER_NOW, PARK, REFUSE }

        static final Decision NONE = new Decision(Kind.NONE, 0, null);

        public boolean refused() {
            return kind == Kind.REFUSE;
        }

        /** {@code message} as it is to be stored: unchanged, without timer properties, or parked. */
        public AppendMessage applyTo(AppendMessage message) {
            return switch (kind) {
                case NONE, REFUSE -> message;
                case STRIP -> withProperties(message, message.topic(), message.queueId(), stripped(message));
                case DELIVER_NOW -> withProperties(message, message.topic(), message.queueId(),
                        deliveredProperties(MessageProperties.parse(message.properties()), dueMs));
                case PARK -> parked(message, dueMs);
            };
        }
    }

    /**
     * {@code message} routed by its own timer properties, for messages the broker stores on a
     * client's behalf later (a committed transaction): parked if due later, else as is. A timer
     * beyond the maximum delay was refused when the half was sent; should it be refused now (the
     * maximum was lowered since), the message is delivered at once rather than lost.
     */
    public AppendMessage route(AppendMessage message) {
        Decision decision = decide(message.properties(), 0, false);
        if (decision.refused()) {
            LOG.log(System.Logger.Level.WARNING, "delivering {0} at once: {1}", message.topic(), decision.problem());
        }
        return decision.applyTo(message);
    }

    /** Decides what a send with these {@code properties} and delay {@code level} gets. */
    public Decision decide(String properties, int level, boolean batch) {
        String name = null;
        String value = null;
        for (String candidate : PropertyNames.TIMER_REQUESTS) {
            value = MessageProperties.get(properties, candidate);
            if (value != null) {
                name = candidate;
                break;
            }
        }
        if (name == null) {
            return Decision.NONE;
        }
        if (level > 0) {
            return new Decision(Decision.Kind.STRIP, 0, null);
        }
        if (batch) {
            return refuse("batch messages cannot be timer messages (" + name + "); send them one by one");
        }
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return refuse("the timer property " + name + " must be a whole number of "
                    + (name.equals(PropertyNames.TIMER_DELAY_SEC) ? "seconds" : "milliseconds") + " but was '" + value + "'");
        }
        long now = clock.millis();
        long delayMs;
        if (name.equals(PropertyNames.TIMER_DELAY_SEC) || name.equals(PropertyNames.TIMER_DELAY_MS)) {
            long unit = name.equals(PropertyNames.TIMER_DELAY_SEC) ? 1000 : 1;
            delayMs = Math.abs(number) > Long.MAX_VALUE / 1000 ? Long.signum(number) * (Long.MAX_VALUE / 2)
                    : number * unit;
        } else {
            delayMs = number <= 0 ? -1 : number - now; // epoch ms at or before 1970: long past
        }
        if (delayMs > maxDelay.toMillis()) {
            return refuse("the timer message (" + name + "=" + value + ") is due " + delayMs
                    + " ms from now, beyond the maximum delay of " + maxDelay.toMillis() + " ms (" + maxDelay
                    + ") set by mq.broker.timer.max-delay");
        }
        long due = now + delayMs;
        return new Decision(delayMs <= 0 ? Decision.Kind.DELIVER_NOW : Decision.Kind.PARK, due, null);
    }

    private static Decision refuse(String problem) {
        return new Decision(Decision.Kind.REFUSE, 0, problem);
    }

    /** {@code message} parked in the timer topic, remembering its destination and due time. */
    public static AppendMessage parked(AppendMessage message, long dueMs) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.put(PropertyNames.REAL_TOPIC, message.topic());
        properties.put(PropertyNames.REAL_QUEUE_ID, Integer.toString(message.queueId()));
        properties.put(PropertyNames.TIMER_OUT_MS, Long.toString(dueMs));
        return withProperties(message, TopicNames.TIMER_TOPIC, 0, MessageProperties.format(properties));
    }

    /**
     * The properties of a delivered timer message: TIMER_DELIVER_MS holds the due time, the other
     * timer requests and TIMER_OUT_MS are removed, everything else (UNIQ_KEY, KEYS, TAGS, user
     * properties, REAL_TOPIC/REAL_QID as for delay levels) is kept.
     */
    static String deliveredProperties(Map<String, String> properties, long dueMs) {
        properties.keySet().removeAll(PropertyNames.TIMER_REQUESTS);
        properties.remove(PropertyNames.TIMER_OUT_MS);
        properties.put(PropertyNames.TIMER_DELIVER_MS, Long.toString(dueMs));
        return MessageProperties.format(properties);
    }

    private static String stripped(AppendMessage message) {
        Map<String, String> properties = MessageProperties.parse(message.properties());
        properties.keySet().removeAll(PropertyNames.TIMER_REQUESTS);
        return MessageProperties.format(properties);
    }

    private static AppendMessage withProperties(AppendMessage message, String topic, int queueId, String properties) {
        return new AppendMessage(topic, queueId, message.flag(), message.sysFlag(), message.bornTimestamp(),
                message.bornHost(), message.reconsumeTimes(), message.preparedTransactionOffset(), message.body(),
                properties);
    }
}
