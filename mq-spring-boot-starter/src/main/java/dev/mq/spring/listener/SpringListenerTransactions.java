package dev.mq.spring.listener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * {@link ListenerTransactions} with the application's {@link PlatformTransactionManager}: methods
 * annotated {@link Transactional} (or declared in a class that is) run in a {@link TransactionTemplate}
 * with propagation REQUIRED, so the method's own transaction joins it.
 */
public class SpringListenerTransactions implements ListenerTransactions {

    private final ObjectProvider<PlatformTransactionManager> transactionManager;

    public SpringListenerTransactions(ObjectProvider<PlatformTransactionManager> transactionManager) {
        this.transactionManager = transactionManager;
    }

    @Override
    public boolean appliesTo(Method method, Class<?> beanClass) {
        return transactionManager.getIfUnique() != null
                && (AnnotatedElementUtils.hasAnnotation(method, Transactional.class)
                || AnnotatedElementUtils.hasAnnotation(beanClass, Transactional.class));
    }

    @Override
    public void run(ThrowingRunnable work) throws Exception {
        TransactionTemplate template = new TransactionTemplate(transactionManager.getObject());
        try {
            template.executeWithoutResult(status -> {
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new UndeclaredThrowableException(e);
                }
            });
        } catch (UndeclaredThrowableException e) {
            if (e.getUndeclaredThrowable() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
