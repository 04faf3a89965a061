/**
 * Test support: the real Apache RocketMQ name server and brokers, each in its own JVM, for
 * integration tests of our client and console. Start with {@link dev.mq.apache.harness.ApacheRocketMq}.
 *
 * <p>This package uses the JDK and {@code mq-protocol} (whose remoting client probes readiness) only.
 * Apache's own jars are never on the classpath of the code using it: the build resolves them apart
 * and records their paths in a resource that only the child JVMs' command lines use.
 */
package dev.mq.apache.harness;
