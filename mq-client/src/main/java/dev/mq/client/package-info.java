/**
 * Our Java client for RocketMQ-family brokers (ours and Apache's): {@link dev.mq.client.MqClient}
 * (one per cluster, shared), {@link dev.mq.client.Producer} and
 * {@link dev.mq.client.TransactionalProducer}, {@link dev.mq.client.Message},
 * {@link dev.mq.client.SendResult}, {@link dev.mq.client.ReceivedMessage}, and the exceptions under
 * {@link dev.mq.client.MqException}. Everything in {@code dev.mq.client.internal} is not API.
 */
package dev.mq.client;
