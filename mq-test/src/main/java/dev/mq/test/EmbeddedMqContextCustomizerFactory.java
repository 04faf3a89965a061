package dev.mq.test;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/**
 * Finds {@link EmbeddedMq} on a Spring test class (also on a superclass or an enclosing class) and
 * gives its context an {@link EmbeddedMqContextCustomizer}. Registered in
 * {@code META-INF/spring.factories}.
 */
final class EmbeddedMqContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedMq annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedMq.class);
        return annotation == null ? null : new EmbeddedMqContextCustomizer(annotation);
    }
}
