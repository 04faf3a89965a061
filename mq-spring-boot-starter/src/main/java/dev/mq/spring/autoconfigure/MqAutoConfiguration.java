package dev.mq.spring.autoconfigure;

import dev.mq.client.MqClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@link MqClient} that every other part of the starter shares: one connection set per
 * application, closed with the context after the producers and listeners that use it; and the
 * {@link dev.mq.spring.support.MqPayloadConverter} that turns payloads into bodies and back.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(MqProperties.class)
@Import({PayloadConverterConfigurations.Json.class, PayloadConverterConfigurations.Basic.class})
public class MqAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MqClient mqClient(MqProperties properties, ObjectProvider<MqClientCustomizer> customizers) {
        MqClient.Builder builder = MqClient.builder()
                .namesrv(properties.getNamesrv())
                .requestTimeout(properties.getRequestTimeout());
        if (properties.getInstanceName() != null && !properties.getInstanceName().isBlank()) {
            builder.instanceName(properties.getInstanceName());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
