/**
 * The on-disk time index of pending timer (exact-time) messages: which stored record is due when,
 * in one append-only file per time bucket; see {@link dev.mq.store.timer.TimerIndex}.
 */
package dev.mq.store.timer;
