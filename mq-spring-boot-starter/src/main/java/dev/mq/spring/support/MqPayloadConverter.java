package dev.mq.spring.support;

import java.lang.reflect.Type;

/**
 * Turns payloads into message bodies and back. The starter's {@code MqTemplate} writes with it and
 * listener methods read with it; a bean of this type replaces the default ({@link JsonPayloadConverter}
 * when Jackson is present, else {@link BasicPayloadConverter}).
 */
public interface MqPayloadConverter {

    /**
     * The body of {@code payload} and its content type.
     *
     * @throws org.springframework.messaging.converter.MessageConversionException if it cannot be written
     */
    Body toBody(Object payload);

    /**
     * The body read as {@code targetType}.
     *
     * @param contentType the message's {@code contentType} property, or null when it has none
     * @throws org.springframework.messaging.converter.MessageConversionException if it cannot be read as that type
     */
    Object fromBody(byte[] body, String contentType, Type targetType);

    /** A message body and its media type. */
    record Body(byte[] bytes, String contentType) {
    }
}
