package dev.mq.spring.listener;

import dev.mq.client.MqClient;
import dev.mq.client.MqException;
import dev.mq.client.admin.ClusterOverview;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks at a listener's start that its topic exists, or that brokers create topics on first send
 * ({@code autoCreateTopicEnable}); a listener of a topic that can never appear fails its start with a
 * message that names it. When the cluster cannot be asked, the check is skipped with a warning: the
 * consumer looks the topic up again on its own.
 */
public class TopicCheck {

    private static final Log log = LogFactory.getLog(TopicCheck.class);

    private final MqClient client;

    public TopicCheck(MqClient client) {
        this.client = client;
    }

    /**
     * @throws IllegalStateException naming the listener when its topic is missing and no broker creates topics
     */
    public void check(MqListenerEndpoint endpoint) {
        Set<String> brokers = new TreeSet<>();
        try {
            ClusterOverview overview = client.admin().clusterOverview();
            for (String cluster : overview.byCluster().keySet()) {
                if (client.admin().topicsOfCluster(cluster).names().contains(endpoint.topic())) {
                    return;
                }
            }
            overview.brokers().forEach(broker -> brokers.add(broker.name()));
        } catch (MqException e) {
            log.warn("could not check that topic " + endpoint.topic() + " of " + endpoint.describe()
                    + " exists; starting it anyway", e);
            return;
        }
        for (String broker : brokers) {
            Map<String, String> config;
            try {
                config = client.admin().brokerConfig(broker);
            } catch (MqException e) {
                log.warn("could not read the configuration of broker " + broker + " to see whether it creates topic "
                        + endpoint.topic() + " of " + endpoint.describe() + "; starting it anyway", e);
                return;
            }
            if (!"false".equalsIgnoreCase(config.get("autoCreateTopicEnable"))) {
                return;
            }
        }
        throw new IllegalStateException(endpoint.describe() + " listens to topic '" + endpoint.topic()
                + "', which does not exist, and the brokers " + brokers + " do not create topics"
                + " (autoCreateTopicEnable=false): create the topic, or fix the listener's topic");
    }
}
