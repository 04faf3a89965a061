package dev.mq.protocol.body;

import dev.mq.protocol.RemotingCommandException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for remoting bodies: unknown fields are ignored (peers of other versions add fields),
 * absent fields keep their defaults, nulls are left out of what we write. Map keys without quotes
 * are read too: Apache's name server writes number keys bare ({@code "brokerAddrs":{0:"..."}}) to
 * clients of older versions and in cluster info; what we write is always standard JSON.
 */
public final class RemotingJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
            .build();

    private RemotingJson() {
    }

    public static byte[] encode(Object body) {
        return MAPPER.writeValueAsBytes(body);
    }

    /** Decodes a body; a missing or unreadable body is a {@link RemotingCommandException} naming the type. */
    public static <T> T decode(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new RemotingCommandException("the request has no " + type.getSimpleName() + " body");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw new RemotingCommandException("the " + type.getSimpleName() + " body is not valid: "
                    + e.getOriginalMessage());
        }
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
