package dev.mq.spring.autoconfigure;

import dev.mq.spring.support.BasicPayloadConverter;
import dev.mq.spring.support.JsonPayloadConverter;
import dev.mq.spring.support.MqPayloadConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The default {@link MqPayloadConverter}: JSON when Jackson is present, else bytes and strings only. */
final class PayloadConverterConfigurations {

    private PayloadConverterConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class Json {

        @Bean
        @ConditionalOnMissingBean(MqPayloadConverter.class)
        JsonPayloadConverter mqPayloadConverter(ObjectProvider<JsonMapper> mapper) {
            return new JsonPayloadConverter(mapper.getIfAvailable(() -> JsonMapper.builder().build()));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Basic {

        @Bean
        @ConditionalOnMissingBean(MqPayloadConverter.class)
        BasicPayloadConverter mqPayloadConverter() {
            return new BasicPayloadConverter();
        }
    }
}
