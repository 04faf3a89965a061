package dev.mq.message;

/**
 * Topic names: the system topics, the retry and dead-letter prefixes, what kind a topic is, and
 * which names may be sent to.
 */
public final class TopicNames {

    /** The template auto-created topics copy (permissions, queue count). */
    public static final String AUTO_CREATE_TEMPLATE = "TBW102";
    /** Holds delayed messages and retries, one queue per delay level. */
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    /** Holds pending exact-time (timer) messages, queue 0. */
    public static final String TIMER_TOPIC = "rmq_sys_wheel_timer";
    /** Holds transactional half messages, queue 0, until they are committed or rolled back. */
    public static final String TRANSACTION_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    /** Holds one op record per resolved half message. */
    public static final String TRANSACTION_OP_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    /** Where half messages go that were checked the maximum number of times without an answer. */
    public static final String TRANSACTION_CHECK_MAX_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    /** Prefix of a consumer group's retry topic. */
    public static final String RETRY_PREFIX = "%RETRY%";
    /** Prefix of a consumer group's dead-letter topic. */
    public static final String DLQ_PREFIX = "%DLQ%";
    /** Longest topic name accepted for sending. */
    public static final int MAX_LENGTH = 127;

    /** What a topic is for. */
    public enum Kind {
        /** An application's topic. */
        NORMAL,
        /** A consumer group's retry topic ({@value #RETRY_PREFIX}group). */
        RETRY,
        /** A consumer group's dead-letter topic ({@value #DLQ_PREFIX}group). */
        DEAD_LETTER,
        /** A topic the broker uses for itself; clients cannot send to it. */
        SYSTEM
    }

    private TopicNames() {
    }

    /** The retry topic of {@code group}. */
    public static String retryTopic(String group) {
        return RETRY_PREFIX + group;
    }

    /** The dead-letter topic of {@code group}. */
    public static String deadLetterTopic(String group) {
        return DLQ_PREFIX + group;
    }

    /** Whether {@code topic} is a retry topic. */
    public static boolean isRetry(String topic) {
        return topic.startsWith(RETRY_PREFIX);
    }

    /** Whether {@code topic} is a dead-letter topic. */
    public static boolean isDeadLetter(String topic) {
        return topic.startsWith(DLQ_PREFIX);
    }

    /** Whether {@code topic} is one of the broker's system topics, which clients cannot send to. */
    public static boolean isSystem(String topic) {
        return topic.equals(AUTO_CREATE_TEMPLATE) || topic.equals(SCHEDULE_TOPIC) || topic.equals(TIMER_TOPIC)
                || isTransactionSystem(topic);
    }

    /** Whether {@code topic} is one of the three transaction system topics. */
    public static boolean isTransactionSystem(String topic) {
        return topic.equals(TRANSACTION_HALF_TOPIC) || topic.equals(TRANSACTION_OP_TOPIC)
                || topic.equals(TRANSACTION_CHECK_MAX_TOPIC);
    }

    /** What {@code topic} is for. */
    public static Kind kind(String topic) {
        if (isRetry(topic)) {
            return Kind.RETRY;
        }
        if (isDeadLetter(topic)) {
            return Kind.DEAD_LETTER;
        }
        return isSystem(topic) ? Kind.SYSTEM : Kind.NORMAL;
    }

    /**
     * Whether messages may be sent to {@code topic}: a name of 1 to {@value #MAX_LENGTH} letters,
     * digits, '%', '|', '_' and '-' that is not a system topic.
     */
    public static Validation checkSendable(String topic) {
        if (topic == null || topic.isBlank()) {
            return Validation.invalid("the topic name is empty");
        }
        if (topic.length() > MAX_LENGTH) {
            return Validation.invalid("the topic name is longer than " + MAX_LENGTH + " characters");
        }
        if (!isNameText(topic)) {
            return Validation.invalid("the topic name '" + topic
                    + "' may only contain letters, digits, '%', '|', '_' and '-'");
        }
        if (isSystem(topic)) {
            return Validation.invalid("the topic " + topic + " is a system topic and cannot be sent to");
        }
        return Validation.valid();
    }

    /** Letters, digits, '%', '|', '_' and '-' only (checked for every send, so without a regex matcher). */
    private static boolean isNameText(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '%' || c == '|' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
