package dev.mq.samples.cacherefresh;

import java.nio.file.Path;

import dev.mq.spring.listener.MqListenerContainerCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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
        SpringApplication.run(CacheRefreshApplication.class, args);
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
}
