/**
 * The client's machinery, shared by producers, consumers and the admin API: not API, may change
 * without notice. {@link dev.mq.client.internal.ClientCore} owns one transport, the route cache
 * ({@link dev.mq.client.internal.Routes}, {@link dev.mq.client.internal.BrokerDirectory}), the
 * heartbeats ({@link dev.mq.client.internal.Heartbeats}), the dispatcher of requests brokers send
 * to clients ({@link dev.mq.client.internal.BrokerRequestDispatcher}) and the client's threads.
 * {@code docs/client.md} ("Internals") describes how consumers and the admin API plug in.
 */
package dev.mq.client.internal;
