package dev.mq.spring.listener;

import dev.mq.spring.annotation.ConsumeMode;
import dev.mq.spring.annotation.MqDlqHandler;
import dev.mq.spring.annotation.MqListener;
import dev.mq.spring.annotation.MqListeners;
import dev.mq.spring.idempotency.IdempotencyStore;
import dev.mq.spring.support.MqPayloadConverter;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@link MqListener} and {@link MqDlqHandler} methods on every bean and, once all singletons
 * exist, checks them and registers one container per listener in the {@link MqListenerEndpointRegistry}.
 * Every mistake that can be seen before a message arrives (a missing group or topic, bad numbers,
 * bad SpEL, parameters a listener cannot be given, a dead-letter handler for a group without a
 * listener, two listeners of one group) stops the start with a message naming the bean and method.
 */
public class MqListenerAnnotationBeanPostProcessor implements BeanPostProcessor, SmartInitializingSingleton,
        BeanFactoryAware {

    private final List<Found<MqListener>> listeners = new ArrayList<>();
    private final List<Found<MqDlqHandler>> deadLetterHandlers = new ArrayList<>();
    private ConfigurableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (!(beanFactory instanceof ConfigurableBeanFactory configurable)) {
            throw new IllegalStateException("@MqListener needs a ConfigurableBeanFactory, got " + beanFactory);
        }
        this.beanFactory = configurable;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (!AnnotationUtils.isCandidateClass(targetClass, List.of(MqListener.class, MqListeners.class, MqDlqHandler.class))) {
            return bean;
        }
        Map<Method, Set<MqListener>> listenerMethods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<Set<MqListener>>) method -> {
                    Set<MqListener> found = AnnotatedElementUtils.getMergedRepeatableAnnotations(method, MqListener.class,
                            MqListeners.class);
                    return found.isEmpty() ? null : found;
                });
        Map<Method, MqDlqHandler> handlerMethods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<MqDlqHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, MqDlqHandler.class));
        synchronized (this) {
            listenerMethods.forEach((method, annotations) -> {
                int index = 0;
                for (MqListener annotation : annotations) {
                    listeners.add(new Found<>(beanName, bean, method, annotation, annotations.size() > 1 ? index : -1));
                    index++;
                }
            });
            handlerMethods.forEach((method, annotation) ->
                    deadLetterHandlers.add(new Found<>(beanName, bean, method, annotation, -1)));
        }
        return bean;
    }

    @Override
    public synchronized void afterSingletonsInstantiated() {
        MqListenerEndpointRegistry registry = beanFactory.getBean(MqListenerEndpointRegistry.class);
        MqListenerContainerFactory factory = beanFactory.getBean(MqListenerContainerFactory.class);
        MqPayloadConverter converter = beanFactory.getBean(MqPayloadConverter.class);
        ListenerTransactions transactions = beanFactory.getBeanProvider(ListenerTransactions.class)
                .getIfUnique(() -> ListenerTransactions.NONE);
        ListenerMessageHandler.Observations observations = new ListenerMessageHandler.Observations(
                beanFactory.getBeanProvider(ObservationRegistry.class).getIfUnique(() -> ObservationRegistry.NOOP),
                beanFactory.getBeanProvider(MqListenerObservationConvention.class).getIfUnique());
        MqListenerContainerFactory.Defaults defaults = factory.defaults();

        Map<String, DeadLetterHandler> handlersByGroup = deadLetterHandlers(converter);
        Map<String, MqListenerEndpoint> endpointsByGroup = new LinkedHashMap<>();
        List<MqListenerContainer> containers = new ArrayList<>();
        for (Found<MqListener> found : listeners) {
            MqListenerEndpoint endpoint = endpoint(found, defaults);
            MqListenerEndpoint sameGroup = endpointsByGroup.putIfAbsent(endpoint.group(), endpoint);
            if (sameGroup != null) {
                throw new IllegalStateException(endpoint.describe() + " uses group '" + endpoint.group()
                        + "' of " + sameGroup.describe() + ": an application has one listener per consumer group"
                        + " (give each listener its own group)");
            }
            String description = endpoint.describe();
            MethodArguments arguments = MethodArguments.forListener(found.method(), endpoint.batchSize() > 1,
                    converter, description);
            IdempotencyKeys keys = null;
            ListenerMessageHandler.Idempotency idempotency = null;
            if (endpoint.idempotent()) {
                keys = IdempotencyKeys.of(endpoint.idempotencyKey(), description);
                IdempotencyStore store = beanFactory.getBeanProvider(IdempotencyStore.class).getIfUnique();
                if (store == null) {
                    throw new IllegalStateException(description + " is idempotent but the application has no single"
                            + " IdempotencyStore bean (set idempotent = false, or configure mq.idempotency.store)");
                }
                idempotency = new ListenerMessageHandler.Idempotency(store, defaults.lease(), defaults.ttl());
            }
            ListenerMessageHandler handler = new ListenerMessageHandler(endpoint, found.bean(),
                    invocable(found), arguments, keys, idempotency, transactions,
                    handlersByGroup.get(endpoint.group()), observations);
            containers.add(factory.create(endpoint, handler));
        }
        handlersByGroup.values().forEach(handler -> {
            MqListenerEndpoint endpoint = endpointsByGroup.get(handler.group());
            if (endpoint == null) {
                throw new IllegalStateException(handler.description() + " handles dead letters of group '"
                        + handler.group() + "', but no @MqListener of the application consumes with that group;"
                        + " groups with listeners: " + endpointsByGroup.keySet());
            }
            if (endpoint.mode() == ConsumeMode.BROADCASTING) {
                throw new IllegalStateException(handler.description() + " handles dead letters of group '"
                        + handler.group() + "', whose listener broadcasts: broadcast failures are not retried and"
                        + " never reach a dead-letter queue");
            }
        });
        containers.forEach(registry::register);
    }

    private Map<String, DeadLetterHandler> deadLetterHandlers(MqPayloadConverter converter) {
        Map<String, DeadLetterHandler> byGroup = new LinkedHashMap<>();
        for (Found<MqDlqHandler> found : deadLetterHandlers) {
            String description = "@MqDlqHandler " + MqListenerEndpoint.describe(found.beanName(), found.method());
            String group = resolve(found.annotation().group());
            if (group.isBlank()) {
                throw new IllegalStateException(description + " names no group");
            }
            DeadLetterHandler handler = new DeadLetterHandler(group, found.bean(), invocable(found),
                    MethodArguments.forDeadLetterHandler(found.method(), converter, description), description);
            DeadLetterHandler existing = byGroup.putIfAbsent(group, handler);
            if (existing != null) {
                throw new IllegalStateException("group '" + group + "' has two dead-letter handlers: "
                        + existing.description() + " and " + description);
            }
        }
        return byGroup;
    }

    private MqListenerEndpoint endpoint(Found<MqListener> found, MqListenerContainerFactory.Defaults defaults) {
        MqListener annotation = found.annotation();
        String where = "@MqListener on " + MqListenerEndpoint.describe(found.beanName(), found.method());
        String group = resolve(annotation.group());
        String topic = resolve(annotation.topic());
        String selector = resolve(annotation.selector());
        if (group.isBlank()) {
            throw new IllegalStateException(where + " names no group (group = \"...\")");
        }
        if (topic.isBlank()) {
            throw new IllegalStateException(where + " names no topic (topic = \"...\")");
        }
        if (selector.isBlank()) {
            throw new IllegalStateException(where + " has an empty selector; use \"*\" for every message");
        }
        String concurrencyText = resolve(annotation.concurrency());
        int concurrency = concurrencyText.isBlank() ? defaults.concurrency()
                : parseAtLeast(concurrencyText, 1, where, "concurrency");
        int maxRetries = annotation.maxRetries() == -1 ? defaults.maxRetries() : annotation.maxRetries();
        if (maxRetries < 0) {
            throw new IllegalStateException(where + ": maxRetries must be at least 0 (or -1 for mq.consumer.max-retries),"
                    + " got " + annotation.maxRetries());
        }
        if (annotation.batchSize() < 1) {
            throw new IllegalStateException(where + ": batchSize must be at least 1, got " + annotation.batchSize());
        }
        String autoStartupText = resolve(annotation.autoStartup());
        boolean autoStartup;
        if (autoStartupText.isBlank()) {
            autoStartup = defaults.autoStartup();
        } else if ("true".equalsIgnoreCase(autoStartupText) || "false".equalsIgnoreCase(autoStartupText)) {
            autoStartup = Boolean.parseBoolean(autoStartupText);
        } else {
            throw new IllegalStateException(where + ": autoStartup must be true or false, got '" + autoStartupText + "'");
        }
        String id = resolve(annotation.id());
        if (id.isBlank()) {
            id = found.beanName() + "." + found.method().getName() + (found.index() < 0 ? "" : "#" + found.index());
        }
        return new MqListenerEndpoint(id, group, topic, selector, annotation.mode(), annotation.orderly(), concurrency,
                maxRetries, annotation.batchSize(), annotation.idempotent(), resolve(annotation.idempotencyKey()),
                autoStartup, found.beanName(), found.method());
    }

    private static int parseAtLeast(String text, int min, String where, String attribute) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where + ": " + attribute + " must be a whole number, got '" + text + "'", e);
        }
        if (value < min) {
            throw new IllegalStateException(where + ": " + attribute + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    private String resolve(String value) {
        String resolved = beanFactory.resolveEmbeddedValue(value);
        return resolved == null ? "" : resolved;
    }

    private static Method invocable(Found<?> found) {
        Method method = AopUtils.selectInvocableMethod(found.method(), found.bean().getClass());
        ReflectionUtils.makeAccessible(method);
        return method;
    }

    /** An annotated method of a bean; {@code index} tells repeated annotations of one method apart (-1: single). */
    private record Found<A>(String beanName, Object bean, Method method, A annotation, int index) {
    }
}
