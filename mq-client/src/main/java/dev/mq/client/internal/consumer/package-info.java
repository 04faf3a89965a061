/**
 * The consumers' machinery: not API, may change without notice. A push consumer
 * ({@link dev.mq.client.internal.consumer.PushConsumerEngine}) and a pull consumer
 * ({@link dev.mq.client.internal.consumer.PullConsumerEngine}) share the parts: subscriptions and
 * tag checks ({@code Subscription}), client-side rebalancing ({@code Rebalancer}), long-polling pulls
 * ({@code Puller}) into a per-queue cache ({@link dev.mq.client.internal.consumer.ProcessQueue}) that
 * knows the committable offset, offset stores on the brokers or in a local file, and, for push
 * consumers, the listener dispatchers (concurrent, orderly), send-back for retries and queue locks.
 * {@code docs/client.md} describes the behaviour.
 */
package dev.mq.client.internal.consumer;
