package dev.mq.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code mq.server.*}: what this process runs and where it keeps its data.
 *
 * @param roles   which roles run in this process: {@code namesrv}, {@code broker} or both (default)
 * @param dataDir root of all data (store files and state), default {@code ./data}
 */
@ConfigurationProperties("mq.server")
public record ServerProperties(@DefaultValue({"namesrv", "broker"}) Set<Role> roles,
                               @DefaultValue("./data") Path dataDir) {

    /** A role this process can run. */
    public enum Role {
        /** The route registry clients ask for topic routes. */
        NAMESRV,
        /** The message store and delivery. */
        BROKER
    }

    public ServerProperties {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("mq.server.roles must name at least one of namesrv, broker");
        }
        roles = Set.copyOf(roles);
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }
}
