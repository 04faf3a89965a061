package dev.mq.console.web;

import dev.mq.client.MqException;
import dev.mq.client.ReceivedMessage;
import dev.mq.client.admin.BrokerIssue;
import dev.mq.client.admin.MessageSearch;
import dev.mq.client.admin.MessageTrack;
import dev.mq.client.admin.MqAdmin;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the message pages and their JSON show: search results, and one message in detail with its
 * properties, its body in a readable form and whether each consumer group of its topic consumed it.
 */
@Component
public class MessageViews {

    private final MqAdmin admin;

    MessageViews(MqAdmin admin) {
        this.admin = admin;
    }

    /**
     * Found messages.
     *
     * @param query     what was searched
     * @param messages  the messages, oldest first
     * @param truncated whether more matched than were returned
     * @param issues    brokers that could not be searched
     */
    public record Results(MessageQuery query, List<Summary> messages, boolean truncated, List<BrokerIssue> issues) {
    }

    /**
     * One message in a list.
     *
     * @param messageId       the id clients see
     * @param offsetMessageId the id of this stored copy (what the detail page takes)
     * @param topic           its topic (the original one for a retry copy)
     * @param storedTopic     the topic it is stored in
     * @param tags            its tag, or null
     * @param keys            its keys
     * @param brokerName      the broker it was read from
     * @param queueId         its queue
     * @param queueOffset     its offset in that queue
     * @param bornAt          when the producer sent it
     * @param storedAt        when the broker stored it
     * @param reconsumeTimes  deliveries before this copy
     * @param bodyLength      body size in bytes
     * @param bodyPreview     the start of the body, or its size when binary
     */
    public record Summary(String messageId, String offsetMessageId, String topic, String storedTopic, String tags,
                          List<String> keys, String brokerName, int queueId, long queueOffset, Instant bornAt,
                          Instant storedAt, int reconsumeTimes, int bodyLength, String bodyPreview) {

        static Summary of(ReceivedMessage m) {
            return new Summary(m.messageId(), m.offsetMessageId(), m.topic(), m.storedTopic(), m.tags(), m.keys(),
                    m.brokerName(), m.queueId(), m.queueOffset(), m.bornTimestamp(), m.storeTimestamp(),
                    m.reconsumeTimes(), m.body().length, MessageBody.preview(m.body()));
        }
    }

    /**
     * One message in detail.
     *
     * @param message          the message
     * @param properties       its user properties, sorted
     * @param systemProperties its system properties as stored, sorted
     * @param body             its body in the format shown
     * @param deliveries       per consumer group of its topic, whether the group consumed it
     * @param deliveryUnknown  why the deliveries could not be told, or null
     * @param otherCopies      further stored copies with the same id (retries, re-sends)
     * @param issues           brokers that could not be searched
     */
    public record Detail(Summary message, Map<String, String> properties, Map<String, String> systemProperties,
                         MessageBody body, List<Delivery> deliveries, String deliveryUnknown, List<Summary> otherCopies,
                         List<BrokerIssue> issues) {
    }

    /**
     * Whether one group consumed the message.
     *
     * @param group  the consumer group
     * @param status what is known
     * @param shown  the status in words
     * @param detail why (offsets compared, or what could not be asked)
     */
    public record Delivery(String group, MessageTrack.Status status, String shown, String detail) {

        static Delivery of(MessageTrack track) {
            String shown = switch (track.status()) {
                case CONSUMED -> "consumed";
                case NOT_CONSUMED_YET -> "not consumed yet";
                case FILTERED -> "filtered out by its subscription";
                case NOT_ONLINE -> "not consumed, no consumer online";
                case UNKNOWN -> "unknown";
            };
            return new Delivery(track.group(), track.status(), shown, track.detail());
        }
    }

    Results search(MessageQuery query) {
        MessageSearch found = switch (query.by()) {
            case KEY -> admin.messagesByKey(query.topic(), query.key(), query.from(), query.to());
            case ID -> admin.messagesById(query.topic(), query.id());
            case TIME -> admin.messagesByTime(query.topic(), query.from(), query.to(), query.max());
        };
        return new Results(query, found.messages().stream().map(Summary::of).toList(), found.truncated(),
                found.issues());
    }

    /**
     * The message of {@code topic} with this id, in detail; empty when no broker holds it. With
     * several copies (a message id after retries or re-sends), the oldest is shown and the others
     * are listed.
     *
     * @param view the body's format, or empty to choose by content
     */
    Optional<Detail> detail(String topic, String id, Optional<MessageBody.Format> view) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required: brokers find a message by topic and id");
        }
        MessageSearch found = admin.messagesById(topic.strip(), id);
        if (found.messages().isEmpty()) {
            return Optional.empty();
        }
        ReceivedMessage message = found.messages().stream().filter(m -> m.offsetMessageId().equals(id)).findFirst()
                .orElse(found.messages().get(0));
        List<Delivery> deliveries = List.of();
        String unknown = null;
        try {
            deliveries = admin.track(message).stream().map(Delivery::of).toList();
        } catch (MqException e) {
            unknown = ConsoleErrors.describe(e); // shown on the page in place of the table
        }
        List<Summary> others = found.messages().stream().filter(m -> m != message).map(Summary::of).toList();
        return Optional.of(new Detail(Summary.of(message), new TreeMap<>(message.properties()),
                new TreeMap<>(message.systemProperties()), MessageBody.of(message.body(), view), deliveries, unknown,
                others, found.issues()));
    }
}
