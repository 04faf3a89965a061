package dev.mq.server;

import dev.mq.server.config.BrokerProperties;
import dev.mq.server.config.NamesrvProperties;
import dev.mq.server.config.ServerProperties;
import dev.mq.server.config.StoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link MqServer} bean: the one {@link MessagingFirstStart} already started, else a new one. */
@Configuration(proxyBeanMethods = false)
class MqServerConfiguration {

    @Bean
    MqServer mqServer(ObjectProvider<MessagingFirstStart.EarlyStartedServer> early, ServerProperties server,
                      NamesrvProperties namesrv, BrokerProperties broker, StoreProperties store) {
        MessagingFirstStart.EarlyStartedServer started = early.getIfAvailable();
        return started != null ? started.server() : new MqServer(server, namesrv, broker, store);
    }
}
