package dev.mq.server.broker.registration;

import dev.mq.protocol.body.DataVersion;
import dev.mq.protocol.body.RegisterBrokerBody;
import dev.mq.protocol.body.RemotingJson;
import dev.mq.protocol.body.TopicConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a topic table into REGISTER_BROKER bodies of at most a given size, so that a
 * registration never exceeds a name server's frame limit however many topics the broker has.
 *
 * <p>A table that fits is one body marked complete (our name server then drops routes of topics
 * missing from it). A larger one becomes several bodies, none complete: each name server adds
 * their topics and keeps the rest, and a topic deleted on the broker leaves the routes through the
 * admin's DELETE_TOPIC_IN_NAMESRV, as with Apache's name server. The parts carry distinct data
 * versions (the timestamp plus the part number, in milliseconds) because Apache's name server
 * ignores the topics of a registration whose data version equals the previous one; the timestamp,
 * not {@code stateVersion}, since Apache 4.x's data version has no {@code stateVersion}.
 */
final class RegistrationBodies {

    /** One REGISTER_BROKER body. */
    record Part(byte[] body, boolean complete, int topics) {
    }

    private RegistrationBodies() {
    }

    static List<Part> split(Map<String, TopicConfig> topics, DataVersion version, boolean complete, int maxBodyBytes) {
        byte[] whole = encode(topics, version);
        if (whole.length <= maxBodyBytes) {
            return List.of(new Part(whole, complete, topics.size()));
        }
        List<Part> parts = new ArrayList<>();
        List<Map.Entry<String, TopicConfig>> entries = new ArrayList<>(topics.entrySet());
        // a first guess from the average size, halved for any part that still comes out too large
        int perPart = Math.max(1, (int) ((long) entries.size() * maxBodyBytes / whole.length * 9 / 10));
        int from = 0;
        while (from < entries.size()) {
            int to = Math.min(entries.size(), from + perPart);
            Map<String, TopicConfig> part = new TreeMap<>();
            entries.subList(from, to).forEach(e -> part.put(e.getKey(), e.getValue()));
            byte[] body = encode(part, new DataVersion(version.counter(), version.stateVersion(),
                    version.timestamp() + parts.size()));
            if (body.length > maxBodyBytes && to - from > 1) {
                perPart = Math.max(1, (to - from) / 2);
                continue;
            }
            if (body.length > maxBodyBytes) {
                throw new IllegalStateException("the registration of topic " + entries.get(from).getKey()
                        + " alone is " + body.length + " bytes, more than the limit of " + maxBodyBytes);
            }
            parts.add(new Part(body, false, part.size()));
            from = to;
        }
        return parts;
    }

    static byte[] encode(Map<String, TopicConfig> topics, DataVersion version) {
        return RemotingJson.encode(new RegisterBrokerBody(new RegisterBrokerBody.TopicConfigWrapper(topics, version),
                List.of()));
    }
}
