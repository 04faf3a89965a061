package dev.mq.samples.cacherefresh;

import java.nio.file.Path;

import dev.mq.client.MqClient;
import dev.mq.samples.support.SampleTopics;
import dev.mq.spring.listener.MqListenerContainerCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * cache-refresh: each instance keeps a local price cache; a price change is published once and a
 * broadcasting listener delivers it to every running instance, which refreshes its own copy.
 */
@SpringBootApplication
@PropertySource("classpath:samples/cache-refresh.properties")
public class CacheRefreshApplication {

    /** Starts the sample; run it twice (with different {@code mq.instance-name}s) to see both refresh. */
    public static void main(String[] args) {
        // no web server: spring.main.web-application-type in a @PropertySource is read too late to switch it off
        new SpringApplicationBuilder(CacheRefreshApplication.class).web(WebApplicationType.NONE).run(args);
    }

    /**
     * Broadcasting consumers keep their offsets in a local file, by default under
     * {@code ~/.mq/offsets/<client id>}; {@code cache-refresh.offsets-dir} puts them elsewhere.
     */
    @Bean
    @ConditionalOnProperty("cache-refresh.offsets-dir")
    MqListenerContainerCustomizer broadcastOffsetsDirectory(@Value("${cache-refresh.offsets-dir}") Path directory) {
        return (endpoint, builder) -> builder.offsetStoreDirectory(directory);
    }

    /** The sample's topics, created before its listeners start when the cluster does not have them. */
    @Bean
    SampleTopics sampleTopics(MqClient client) {
        return new SampleTopics(client, PricePublisher.TOPIC);
    }
}
