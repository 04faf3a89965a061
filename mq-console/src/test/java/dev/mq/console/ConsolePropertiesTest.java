package dev.mq.console;

import dev.mq.console.config.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConsoleProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void usersBindWithTheirRoles() {
        runner.withPropertyValues("mq.console.users.alice.password={bcrypt}$2a$10$abc", "mq.console.users.alice.role=ADMIN")
                .run(context -> assertThat(context.getBean(ConsoleProperties.class).getUsers().get("alice").getRole())
                        .isEqualTo(ConsoleProperties.Role.ADMIN));
    }

    @Test
    void aPlainTextPasswordStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("mq.console.users.alice.password=secret").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("users[alice].password")
                .hasStackTraceContaining("encoded form"));
    }

    @Test
    void anUnknownRoleStopsTheStart() {
        runner.withPropertyValues("mq.console.users.alice.password={noop}x", "mq.console.users.alice.role=OWNER")
                .run(context -> assertThat(context).hasFailed());
    }
}
