package dev.mq.spring.transaction;

import dev.mq.client.Message;
import dev.mq.client.SendResult;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;

/**
 * A process that dies between its database transaction's end and the end of its bound send: run in a
 * child JVM by {@link TransactionBoundSendTest}. Starts {@link BoundSendTestApplication}, inserts an
 * order and sends a bound message in one transaction, prints {@code PREPARED <transaction id>}, and
 * halts (no shutdown hook, no message commit or rollback) right after the transaction committed
 * ({@code commit} mode, exit code {@value #HALTED_AFTER_COMMIT}) or rolled back ({@code rollback}
 * mode, exit code {@value #HALTED_AFTER_ROLLBACK}).
 *
 * <p>Arguments: name server, JDBC URL, producer group, topic, order id, mode.
 */
public final class BoundSendCrashApp {

    /** Exit code of a process halted after its transaction committed. */
    static final int HALTED_AFTER_COMMIT = 77;

    /** Exit code of a process halted after its transaction rolled back. */
    static final int HALTED_AFTER_ROLLBACK = 78;

    private BoundSendCrashApp() {
    }

    public static void main(String[] args) {
        if (args.length != 6) {
            throw new IllegalArgumentException("arguments: namesrv jdbcUrl producerGroup topic orderId commit|rollback");
        }
        String topic = args[3];
        String orderId = args[4];
        boolean commit = switch (args[5]) {
            case "commit" -> true;
            case "rollback" -> false;
            default -> throw new IllegalArgumentException("mode must be commit or rollback, got " + args[5]);
        };
        SpringApplication application = new SpringApplication(BoundSendTestApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context = application.run("--mq.namesrv=" + args[0], "--test.jdbc-url=" + args[1],
                "--mq.producer.group=" + args[2], "--mq.transaction.check-grace=3s", "--spring.main.banner-mode=off");
        TransactionBoundSender sender = context.getBean(TransactionBoundSender.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO orders (id, item) VALUES (?, ?)", orderId, "crash test");
            SendResult half = sender.send(args[2], Message.builder(topic).keys(orderId)
                    .body(orderId.getBytes(StandardCharsets.UTF_8)).build());
            TransactionSynchronizationManager.registerSynchronization(new HaltingSynchronization());
            System.out.println("PREPARED " + half.messageId());
            System.out.flush();
            if (!commit) {
                status.setRollbackOnly();
            }
        });
        throw new IllegalStateException("the transaction ended without halting the process");
    }

    /** Halts the process once the transaction ended, before the starter's synchronization runs. */
    private static final class HaltingSynchronization implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void afterCommit() {
            Runtime.getRuntime().halt(HALTED_AFTER_COMMIT);
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_ROLLED_BACK) {
                Runtime.getRuntime().halt(HALTED_AFTER_ROLLBACK);
            }
        }
    }
}
