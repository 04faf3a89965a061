package dev.mq.spring.listener;

import dev.mq.client.ReceivedMessage;
import dev.mq.spring.MqHeaders;
import dev.mq.spring.MqMessage;
import dev.mq.spring.support.BasicPayloadConverter;
import dev.mq.spring.support.MqPayloadConverter;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.ValueConstants;
import org.springframework.messaging.support.GenericMessage;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the messages of one invocation into the arguments of a listener or dead-letter handler
 * method. Built once per method at start-up, where every parameter is checked: a parameter it cannot
 * fill stops the start with a message naming the method and the parameter.
 */
final class MethodArguments {

    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

    private final List<Argument> arguments;

    private MethodArguments(List<Argument> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    /**
     * The arguments of an {@code @MqListener} method.
     *
     * @param batch       whether the method receives a batch ({@code batchSize > 1}): then its only
     *                    parameter is a {@code List} of payloads or of {@link MqMessage}
     * @param description names the bean and method in errors
     * @throws IllegalStateException naming the method and parameter when one cannot be filled
     */
    static MethodArguments forListener(Method method, boolean batch, MqPayloadConverter converter,
                                       String description) {
        if (batch) {
            if (method.getParameterCount() != 1 || !List.class.equals(method.getParameterTypes()[0])) {
                throw new IllegalStateException(description + " receives batches (batchSize > 1) and must take exactly"
                        + " one parameter of type List<payload type> or List<MqMessage>");
            }
            return new MethodArguments(List.of(batchArgument(new MethodParameter(method, 0), converter)));
        }
        List<Argument> arguments = new ArrayList<>();
        int payloads = 0;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            Argument argument = singleArgument(parameter, converter, description);
            if (argument instanceof PayloadArgument) {
                payloads++;
                if (payloads > 1) {
                    throw new IllegalStateException(description + " has more than one payload parameter (parameter "
                            + i + " of type " + parameter.getGenericParameterType().getTypeName()
                            + "); annotate headers with @Header, or take MqMessage or Message<T>");
                }
            }
            arguments.add(argument);
        }
        return new MethodArguments(arguments);
    }

    /**
     * The argument of an {@code @MqDlqHandler} method: exactly one parameter, a payload or {@link MqMessage}.
     */
    static MethodArguments forDeadLetterHandler(Method method, MqPayloadConverter converter, String description) {
        if (method.getParameterCount() != 1) {
            throw new IllegalStateException(description + " must take exactly one parameter: the payload or MqMessage,"
                    + " it takes " + method.getParameterCount());
        }
        MethodParameter parameter = new MethodParameter(method, 0);
        Argument argument = singleArgument(parameter, converter, description);
        if (!(argument instanceof PayloadArgument) && !(argument instanceof MqMessageArgument)) {
            throw new IllegalStateException(description + " must take the payload or MqMessage, not "
                    + parameter.getGenericParameterType().getTypeName());
        }
        return new MethodArguments(List.of(argument));
    }

    /** The arguments for an invocation with these messages (one unless the method takes a batch). */
    Object[] resolve(List<ReceivedMessage> messages) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).value(messages);
        }
        return values;
    }

    private static Argument singleArgument(MethodParameter parameter, MqPayloadConverter converter,
                                           String description) {
        Class<?> type = parameter.getParameterType();
        Header header = parameter.getParameterAnnotation(Header.class);
        if (header != null) {
            String name = !header.name().isEmpty() ? header.name() : header.value();
            if (name.isEmpty()) {
                name = parameter.getParameterName();
            }
            if (name == null) {
                throw new IllegalStateException(description + ": @Header parameter " + parameter.getParameterIndex()
                        + " needs a name (compile with -parameters or write @Header(\"name\"))");
            }
            String defaultValue = ValueConstants.DEFAULT_NONE.equals(header.defaultValue()) ? null : header.defaultValue();
            return new HeaderArgument(name, header.required() && defaultValue == null, defaultValue,
                    new TypeDescriptor(parameter), description);
        }
        if (parameter.hasParameterAnnotation(Headers.class)) {
            if (!Map.class.isAssignableFrom(type)) {
                throw new IllegalStateException(description + ": @Headers parameter " + parameter.getParameterIndex()
                        + " must be a Map<String, Object>, not " + type.getName());
            }
            return messages -> MessageHeaders.of(messages.get(0));
        }
        if (MqMessage.class.equals(type)) {
            return new MqMessageArgument();
        }
        if (Message.class.equals(type)) {
            Type payloadType = payloadTypeOf(ResolvableType.forMethodParameter(parameter).getGeneric(0));
            return messages -> {
                ReceivedMessage message = messages.get(0);
                return new GenericMessage<>(converter.fromBody(message.body(), message.property(MqHeaders.CONTENT_TYPE),
                        payloadType), MessageHeaders.of(message));
            };
        }
        if (ReceivedMessage.class.equals(type)) {
            return messages -> messages.get(0);
        }
        Payload payload = parameter.getParameterAnnotation(Payload.class);
        if (payload != null && !payload.expression().isEmpty()) {
            throw new IllegalStateException(description + ": @Payload expressions are not supported (parameter "
                    + parameter.getParameterIndex() + ")");
        }
        if (parameter.getParameterAnnotations().length > 0 && payload == null
                && java.util.Arrays.stream(parameter.getParameterAnnotations())
                .anyMatch(a -> a.annotationType().getName().startsWith("org.springframework.messaging"))) {
            throw new IllegalStateException(description + ": parameter " + parameter.getParameterIndex()
                    + " has an annotation listeners do not support: " + List.of(parameter.getParameterAnnotations()));
        }
        return new PayloadArgument(parameter.getGenericParameterType(), converter);
    }

    private static Argument batchArgument(MethodParameter parameter, MqPayloadConverter converter) {
        ResolvableType element = ResolvableType.forMethodParameter(parameter).getGeneric(0);
        if (MqMessage.class.equals(element.resolve())) {
            return messages -> messages.stream().map(MqMessage::of).toList();
        }
        if (ReceivedMessage.class.equals(element.resolve())) {
            return messages -> messages;
        }
        Type elementType = payloadTypeOf(element);
        return messages -> {
            List<Object> payloads = new ArrayList<>(messages.size());
            for (ReceivedMessage message : messages) {
                payloads.add(converter.fromBody(message.body(), message.property(MqHeaders.CONTENT_TYPE), elementType));
            }
            return payloads;
        };
    }

    /** The declared type, or bytes when the declaration says nothing ({@code Message<?>}, a raw {@code List}). */
    private static Type payloadTypeOf(ResolvableType declared) {
        if (declared == ResolvableType.NONE || declared.resolve() == null || Object.class.equals(declared.resolve())) {
            return byte[].class;
        }
        return declared.getType();
    }

    /** Fills one parameter. */
    @FunctionalInterface
    private interface Argument {
        Object value(List<ReceivedMessage> messages);
    }

    private record PayloadArgument(Type type, MqPayloadConverter converter, boolean rawBody) implements Argument {

        PayloadArgument(Type type, MqPayloadConverter converter) {
            this(type, converter, type == byte[].class && returnsBytesAsTheyAre(converter));
        }

        @Override
        public Object value(List<ReceivedMessage> messages) {
            ReceivedMessage message = messages.get(0);
            if (rawBody) {
                // what the converter would return, without reading the message's properties for a content type
                return message.body();
            }
            return converter.fromBody(message.body(), message.property(MqHeaders.CONTENT_TYPE), type);
        }

        /** Whether the converter's {@code fromBody} is {@link BasicPayloadConverter}'s, which gives a byte[] body as it is. */
        private static boolean returnsBytesAsTheyAre(MqPayloadConverter converter) {
            try {
                return converter.getClass().getMethod("fromBody", byte[].class, String.class, Type.class)
                        .getDeclaringClass() == BasicPayloadConverter.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("MqPayloadConverter without fromBody(byte[], String, Type): " + converter, e);
            }
        }
    }

    private record MqMessageArgument() implements Argument {
        @Override
        public Object value(List<ReceivedMessage> messages) {
            return MqMessage.of(messages.get(0));
        }
    }

    private record HeaderArgument(String name, boolean required, String defaultValue, TypeDescriptor target,
                                  String description) implements Argument {
        @Override
        public Object value(List<ReceivedMessage> messages) {
            Object value = MessageHeaders.of(messages.get(0)).get(name);
            if (value == null) {
                value = defaultValue;
            }
            if (value == null) {
                if (required) {
                    throw new IllegalArgumentException(description + ": message " + messages.get(0).messageId()
                            + " has no header '" + name + "' (declare @Header(required = false) to accept that)");
                }
                return null;
            }
            return CONVERSIONS.convert(value, TypeDescriptor.forObject(value), target);
        }
    }
}
