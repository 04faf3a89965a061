package dev.mq.console.config;

import dev.mq.client.MqClient;
import dev.mq.client.admin.MqAdmin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The one client the console talks through, and its admin view with the console's timeout. */
@Configuration(proxyBeanMethods = false)
class MqClientConfiguration {

    @Bean
    MqClient mqClient(@Value("${mq.namesrv:127.0.0.1:9876}") String namesrv, ConsoleProperties properties) {
        return MqClient.builder().namesrv(namesrv).requestTimeout(properties.getRequestTimeout())
                .instanceName("mq-console").build();
    }

    @Bean
    MqAdmin mqAdmin(MqClient client, ConsoleProperties properties) {
        return client.admin().withTimeout(properties.getRequestTimeout());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
