package dev.mq.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar mq-server.jar}: a name server and a broker, by default both in this process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MqServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(MqServerApplication.class, args);
    }
}
