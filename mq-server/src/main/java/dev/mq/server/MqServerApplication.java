package dev.mq.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar mq-server.jar}: a name server and a broker, by default both in this process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MqServerApplication {

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application as {@code main} runs it: the name server and broker start as soon as the
     * configuration is bound ({@link MessagingFirstStart}), before the web server and actuator.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(MqServerApplication.class).listeners(new MessagingFirstStart());
    }
}
