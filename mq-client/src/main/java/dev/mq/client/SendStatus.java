package dev.mq.client;

/**
 * How a broker stored a sent message. Every status means the message was stored on the broker's
 * master; the ones other than {@link #SEND_OK} report that a flush or a replica did not confirm it in
 * time (the broker's sync-flush or sync-replication settings), as Apache RocketMQ does.
 */
public enum SendStatus {
    /** Stored and confirmed as the broker is configured to confirm. */
    SEND_OK,
    /** Stored, but the disk flush the broker waits for did not finish in time (response code 10). */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but no replica confirmed it in time (response code 12). */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but the broker has no replica to confirm it (response code 11). */
    SLAVE_NOT_AVAILABLE
}
