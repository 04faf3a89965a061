package dev.mq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mq.protocol.body.TopicRouteData;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.util.Objects;

/**
 * The embedded server of an {@link EmbeddedMq} context outlives the application's beans: lifecycle
 * beans that talk to it while they stop (as listeners do when they leave their group) and beans that
 * talk to it while they are destroyed (as clients do when they close) still reach it; once the
 * context is closed, or its refresh failed, the server is gone.
 */
class EmbeddedMqShutdownOrderTest {

    private static final String TOPIC = "Shutdown";

    @Test
    void beansStillReachTheServerWhileTheyStopAndAreDestroyedAndItIsGoneAfterTheClose() {
        AnnotationConfigApplicationContext context = contextWith(LifecycleRouteReader.class, DestroyRouteReader.class);
        context.refresh();
        String namesrv = context.getEnvironment().getRequiredProperty("mq.namesrv");
        LifecycleRouteReader lifecycle = context.getBean(LifecycleRouteReader.class);
        DestroyRouteReader destroyed = context.getBean(DestroyRouteReader.class);

        context.close();

        assertThat(lifecycle.outcome).as("what the lifecycle bean saw while it stopped")
                .isEqualTo(RouteOutcome.routed(1));
        assertThat(destroyed.outcome).as("what the bean saw while it was destroyed")
                .isEqualTo(RouteOutcome.routed(1));
        assertThat(RouteOutcome.ask(namesrv)).as("after the close").matches(outcome -> outcome.failure() != null);
    }

    @Test
    void aFailedRefreshStopsTheServer() {
        AnnotationConfigApplicationContext context = contextWith(FailingBean.class);
        String namesrv = context.getEnvironment().getRequiredProperty("mq.namesrv");
        assertThat(RouteOutcome.ask(namesrv)).as("before the refresh").isEqualTo(RouteOutcome.routed(1));

        assertThatThrownBy(context::refresh).hasRootCauseMessage("this bean does not start");

        assertThat(RouteOutcome.ask(namesrv)).as("after the failed refresh").matches(outcome -> outcome.failure() != null);
    }

    private static AnnotationConfigApplicationContext contextWith(Class<?>... beans) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        new EmbeddedMqContextCustomizer(Annotated.class.getAnnotation(EmbeddedMq.class)).customizeContext(context, null);
        context.register(beans);
        return context;
    }

    @EmbeddedMq(topics = TOPIC, queues = 1)
    static final class Annotated {
    }

    /** What a route lookup of {@link #TOPIC} gave: its queue count, or the failure. */
    record RouteOutcome(int queues, String failure) {

        static RouteOutcome routed(int queues) {
            return new RouteOutcome(queues, null);
        }

        static RouteOutcome ask(String namesrv) {
            try {
                TopicRouteData route = Objects.requireNonNull(Routes.of(namesrv, TOPIC), "no route");
                return routed(route.queueDatas().get(0).readQueueNums());
            } catch (RuntimeException e) {
                return new RouteOutcome(-1, e.toString());
            }
        }
    }

    /** Looks the topic up when it stops, in the last phase to stop (as late as listeners stop). */
    static final class LifecycleRouteReader implements SmartLifecycle {

        private final String namesrv;
        private volatile boolean running;
        volatile RouteOutcome outcome;

        LifecycleRouteReader(@Value("${mq.namesrv}") String namesrv) {
            this.namesrv = namesrv;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            outcome = RouteOutcome.ask(namesrv);
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }
    }

    /** Looks the topic up when it is destroyed, as a client closing its connections talks to the server. */
    static final class DestroyRouteReader implements DisposableBean {

        private final String namesrv;
        volatile RouteOutcome outcome;

        DestroyRouteReader(@Value("${mq.namesrv}") String namesrv) {
            this.namesrv = namesrv;
        }

        @Override
        public void destroy() {
            outcome = RouteOutcome.ask(namesrv);
        }
    }

    /** Fails the refresh. */
    static final class FailingBean implements InitializingBean {

        @Override
        public void afterPropertiesSet() {
            throw new IllegalStateException("this bean does not start");
        }
    }
}
