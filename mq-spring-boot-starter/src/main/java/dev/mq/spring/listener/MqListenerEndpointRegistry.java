package dev.mq.spring.listener;

import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code @MqListener} of the application by id: starts, stops, pauses and resumes them. As a
 * {@link SmartLifecycle} it starts the listeners whose {@code autoStartup} is on once the context is
 * refreshed (late phase: after everything they call is ready), and stops all of them gracefully when
 * the context closes (early: before what they call goes away).
 */
public class MqListenerEndpointRegistry implements SmartLifecycle {

    /** Started late, stopped early. */
    public static final int PHASE = Integer.MAX_VALUE - 1000;

    private final Map<String, MqListenerContainer> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean running;

    /** Adds a listener; its id must be new. */
    void register(MqListenerContainer container) {
        String id = container.endpoint().id();
        synchronized (containers) {
            MqListenerContainer existing = containers.get(id);
            if (existing != null) {
                throw new IllegalStateException("two listeners have the id '" + id + "': "
                        + existing.endpoint().describe() + " and " + container.endpoint().describe());
            }
            containers.put(id, container);
        }
    }

    /** The listener ids, in registration order. */
    public Set<String> getListenerIds() {
        synchronized (containers) {
            return Set.copyOf(containers.keySet());
        }
    }

    /** Every listener's container. */
    public Collection<MqListenerContainer> getListenerContainers() {
        synchronized (containers) {
            return List.copyOf(containers.values());
        }
    }

    /** The container of listener {@code id}. @throws IllegalArgumentException for an unknown id */
    public MqListenerContainer getListenerContainer(String id) {
        MqListenerContainer container = containers.get(id);
        if (container == null) {
            throw new IllegalArgumentException("no listener with id '" + id + "'; known: " + getListenerIds());
        }
        return container;
    }

    /** Starts listener {@code id} (also when its autoStartup is off). */
    public void start(String id) {
        getListenerContainer(id).start();
    }

    /** Stops listener {@code id} gracefully. */
    public void stop(String id) {
        getListenerContainer(id).stop();
    }

    /** Pauses listener {@code id}. @throws IllegalStateException when it is not running */
    public void pause(String id) {
        getListenerContainer(id).pause();
    }

    /** Resumes listener {@code id}. @throws IllegalStateException when it is not running */
    public void resume(String id) {
        getListenerContainer(id).resume();
    }

    /** Whether listener {@code id} runs (paused or not). */
    public boolean isRunning(String id) {
        return getListenerContainer(id).isRunning();
    }

    /** Whether listener {@code id} runs and is paused. */
    public boolean isPaused(String id) {
        return getListenerContainer(id).isPaused();
    }

    @Override
    public void start() {
        List<MqListenerContainer> started = new ArrayList<>();
        try {
            for (MqListenerContainer container : getListenerContainers()) {
                if (container.endpoint().autoStartup()) {
                    container.start();
                    started.add(container);
                }
            }
        } catch (RuntimeException e) {
            for (MqListenerContainer container : started) {
                try {
                    container.stop();
                } catch (RuntimeException stopFailure) {
                    e.addSuppressed(stopFailure);
                }
            }
            throw e;
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        RuntimeException failure = null;
        for (MqListenerContainer container : getListenerContainers()) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
