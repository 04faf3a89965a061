package dev.mq.console.listing;

import dev.mq.client.MqException;
import dev.mq.client.admin.ConsumerGroupListing;
import dev.mq.client.admin.MqAdmin;
import dev.mq.client.admin.TopicListing;
import dev.mq.console.sampling.TopicsGroupsProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The topic and group listings behind /topics and /groups: one admin request each (the admin API
 * fans out to every broker itself, pipelined), reused for {@code mq.console.topics-groups.listing-cache-time}
 * and forgotten after an action of the console changed them.
 */
@Component
public class Listings {

    private final BriefCache<TopicListing> topics;
    private final BriefCache<ConsumerGroupListing> groups;

    public Listings(MqAdmin admin, Clock clock, TopicsGroupsProperties properties) {
        this.topics = new BriefCache<>(admin::topicsAsync, clock, properties.getListingCacheTime());
        this.groups = new BriefCache<>(admin::consumerGroupsAsync, clock, properties.getListingCacheTime());
    }

    /**
     * Every topic.
     *
     * @throws MqException when the name server cannot be asked
     */
    public TopicListing topics() {
        return await(topics.get());
    }

    /**
     * Every consumer group.
     *
     * @throws MqException when the brokers cannot be asked
     */
    public ConsumerGroupListing groups() {
        return await(groups.get());
    }

    /** Forgets the topic listing (a topic was created or deleted). */
    public void topicsChanged() {
        topics.invalidate();
    }

    /** Forgets the group listing (offsets were moved). */
    public void groupsChanged() {
        groups.invalidate();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw MqAdmin.failureOf(e);
        }
    }
}
