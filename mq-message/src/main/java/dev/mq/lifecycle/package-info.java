/**
 * Background work with a clear lifecycle, shared by every module: each service owns its threads,
 * is started once and closed once (idempotently), and a failure of its work is handed to a
 * handler instead of being dropped. {@link dev.mq.lifecycle.ServiceThread} is the one thread of a
 * loop that parks and is woken; {@link dev.mq.lifecycle.PeriodicService} runs one job at a fixed
 * interval; {@link dev.mq.lifecycle.WorkerPool} is a fixed pool that runs submitted tasks and
 * finishes them on close.
 */
package dev.mq.lifecycle;
