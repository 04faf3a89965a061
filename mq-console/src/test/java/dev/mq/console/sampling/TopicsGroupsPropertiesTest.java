package dev.mq.console.sampling;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsGroupsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TopicsGroupsProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void theDefaultsKeepADayOfMinuteSamples() {
        runner.run(context -> assertThat(context.getBean(TopicsGroupsProperties.class).samplesKept()).isEqualTo(1441));
    }

    @Test
    void tooManySamplesPerSeriesStopTheStartNamingTheProperty() {
        runner.withPropertyValues("mq.console.topics-groups.sample-interval=100ms").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("sampleInterval").hasStackTraceContaining("more than 100000"));
    }

    @Test
    void aZeroConcurrencyStopsTheStart() {
        runner.withPropertyValues("mq.console.topics-groups.concurrency=0").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("concurrency"));
    }
}
