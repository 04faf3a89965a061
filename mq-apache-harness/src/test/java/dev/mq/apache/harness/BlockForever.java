package dev.mq.apache.harness;

import java.util.concurrent.CountDownLatch;

/** A child main for {@link ChildJvmTest}: says it started, then waits to be ended; its shutdown hook says so. */
public final class BlockForever {

    private BlockForever() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("started with " + String.join(" ", args));
        new CountDownLatch(1).await();
    }
}
