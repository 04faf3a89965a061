/**
 * The producer's machinery (not API): preparing a send ({@link dev.mq.client.internal.producer.OutgoingMessage}
 * to request), choosing queues with fault avoidance, retries and failover
 * ({@link dev.mq.client.internal.producer.SendEngine}), and the transaction protocol
 * ({@link dev.mq.client.internal.producer.TransactionSupport}).
 */
package dev.mq.client.internal.producer;
