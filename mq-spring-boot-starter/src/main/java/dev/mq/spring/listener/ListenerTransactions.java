package dev.mq.spring.listener;

import java.lang.reflect.Method;

/**
 * Runs an idempotent listener's invocation and the completion of its idempotency claim in one
 * transaction, when the store completes in the caller's transaction and the method takes part in
 * Spring transactions. {@link #NONE} when the application has no transaction support.
 */
public interface ListenerTransactions {

    /** No transactions: invocations run as they are. */
    ListenerTransactions NONE = new ListenerTransactions() {
        @Override
        public boolean appliesTo(Method method, Class<?> beanClass) {
            return false;
        }

        @Override
        public void run(ThrowingRunnable work) throws Exception {
            work.run();
        }
    };

    /** Whether invocations of {@code method} on a bean of {@code beanClass} run in a transaction. */
    boolean appliesTo(Method method, Class<?> beanClass);

    /** Runs {@code work} in a transaction (joining one already active): committed when it returns, rolled back when it throws. */
    void run(ThrowingRunnable work) throws Exception;

    /** Work that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
