package dev.mq.client.admin;

import java.util.Map;

/**
 * One online client of a consumer group, as the brokers see its connection.
 *
 * @param clientId the client's id ({@code ip@instance})
 * @param address  {@code host:port} of its connection
 * @param language its language ({@code JAVA}, ...)
 * @param version  the protocol version it sent (Apache's MQVersion ordinal; 0 when not sent)
 */
public record ConsumerClient(String clientId, String address, String language, int version) {

    /** Versions with known names (Apache's MQVersion ordinals). */
    private static final Map<Integer, String> KNOWN = Map.of(
            409, "V4_9_8", 413, "V5_0_0", 433, "V5_1_0", 453, "V5_2_0", 473, "V5_3_0", 479, "V5_3_3", 513, "V5_5_0");

    /** The version's name when known (e.g. {@code V5_5_0}), else "version N". */
    public String versionName() {
        return KNOWN.getOrDefault(version, "version " + version);
    }
}
