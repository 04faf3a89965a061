package dev.mq.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console: {@code java -jar mq-console.jar --mq.namesrv=127.0.0.1:9876}, on port 8082. It
 * reads and acts only through remoting admin requests, so it serves our server and Apache RocketMQ
 * brokers alike.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
