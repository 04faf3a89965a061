/**
 * The admin API of {@code mq-client}, made for a web console: {@link dev.mq.client.admin.MqAdmin}
 * (from {@link dev.mq.client.MqClient#admin()}) and the records it returns. Reads gather from every
 * broker at once and report brokers that could not answer as {@link dev.mq.client.admin.BrokerIssue}s
 * instead of inventing figures; lags are {@link dev.mq.client.admin.Lag}s, never negative and never -1.
 * Works against our server and, for reading, Apache RocketMQ 5.x; see {@code docs/client.md}, "Admin API".
 */
package dev.mq.client.admin;
