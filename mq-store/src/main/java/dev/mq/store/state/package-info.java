/**
 * Small state files (topics, subscriptions, consumer offsets) that are replaced atomically as a
 * whole; see {@link dev.mq.store.state.JsonStateFile}.
 */
package dev.mq.store.state;
