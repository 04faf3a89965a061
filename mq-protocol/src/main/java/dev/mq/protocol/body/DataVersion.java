package dev.mq.protocol.body;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Version stamp of a broker's topic table; the name server only compares it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataVersion(long counter, long stateVersion, long timestamp) {
}
