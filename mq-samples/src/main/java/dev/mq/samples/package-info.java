/**
 * Runnable sample applications of the messaging platform, one package each. Every Spring Boot sample
 * reads its own {@code samples/<name>.properties} (through {@code @PropertySource}), so the samples
 * share a class path without sharing settings.
 */
package dev.mq.samples;
