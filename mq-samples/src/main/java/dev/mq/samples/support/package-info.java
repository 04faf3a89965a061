/** What several samples share: their topics created at start-up. */
package dev.mq.samples.support;
