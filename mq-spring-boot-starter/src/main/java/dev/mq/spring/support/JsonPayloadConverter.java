package dev.mq.spring.support;

import org.springframework.messaging.converter.MessageConversionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Bytes and strings as {@link BasicPayloadConverter} does; any other payload as JSON with the
 * application's Jackson {@link JsonMapper}, content type {@code application/json}.
 */
public class JsonPayloadConverter extends BasicPayloadConverter {

    public static final String JSON = "application/json";

    private final JsonMapper mapper;

    public JsonPayloadConverter(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    protected Body toBodyOther(Object payload) {
        try {
            return new Body(mapper.writeValueAsBytes(payload), JSON);
        } catch (JacksonException e) {
            throw new MessageConversionException("cannot write a " + payload.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    protected Object fromBodyOther(byte[] body, String contentType, Type targetType) {
        try {
            return mapper.readValue(body, mapper.getTypeFactory().constructType(targetType));
        } catch (JacksonException e) {
            throw new MessageConversionException("cannot read a message body (content type " + contentType
                    + ") as " + targetType.getTypeName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
