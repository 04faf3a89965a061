package dev.mq.spring.support;

import org.springframework.messaging.converter.MessageConversionException;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Bytes as they are and strings as UTF-8; other types need {@link JsonPayloadConverter} (Jackson on
 * the class path) or a converter of the application's own.
 */
public class BasicPayloadConverter implements MqPayloadConverter {

    public static final String BYTES = "application/octet-stream";
    public static final String TEXT = "text/plain;charset=UTF-8";

    @Override
    public Body toBody(Object payload) {
        if (payload == null) {
            throw new MessageConversionException("a message needs a payload, got null");
        }
        if (payload instanceof byte[] bytes) {
            return new Body(bytes, BYTES);
        }
        if (payload instanceof String text) {
            return new Body(text.getBytes(StandardCharsets.UTF_8), TEXT);
        }
        return toBodyOther(payload);
    }

    @Override
    public Object fromBody(byte[] body, String contentType, Type targetType) {
        if (targetType == byte[].class) {
            return body;
        }
        if (targetType == String.class || targetType == CharSequence.class) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return fromBodyOther(body, contentType, targetType);
    }

    /** Writes a payload that is neither bytes nor a string. */
    protected Body toBodyOther(Object payload) {
        throw new MessageConversionException("cannot write a " + payload.getClass().getName()
                + " as a message body: only byte[] and String without Jackson on the class path"
                + " (add spring-boot-starter-jackson, or declare an MqPayloadConverter bean)");
    }

    /** Reads a body as a type that is neither bytes nor a string. */
    protected Object fromBodyOther(byte[] body, String contentType, Type targetType) {
        throw new MessageConversionException("cannot read a message body as " + targetType.getTypeName()
                + ": only byte[] and String without Jackson on the class path"
                + " (add spring-boot-starter-jackson, or declare an MqPayloadConverter bean)");
    }
}
