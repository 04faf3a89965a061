package dev.mq.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code mq.namesrv.*}: the name server.
 *
 * @param port          TCP port clients and brokers connect to (default 9876)
 * @param brokerExpiry  a broker that has not registered for this long is dropped from routes (120 s)
 * @param scanInterval  how often silent brokers are looked for (5 s)
 */
@ConfigurationProperties("mq.namesrv")
public record NamesrvProperties(@DefaultValue("9876") int port,
                                @DefaultValue("120s") Duration brokerExpiry,
                                @DefaultValue("5s") Duration scanInterval) {

    public NamesrvProperties {
        Checks.port("mq.namesrv.port", port);
        Checks.positive("mq.namesrv.broker-expiry", brokerExpiry);
        Checks.positive("mq.namesrv.scan-interval", scanInterval);
    }
}
