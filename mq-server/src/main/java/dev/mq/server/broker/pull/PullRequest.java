package dev.mq.server.broker.pull;

import dev.mq.protocol.RemotingCommand;
import dev.mq.store.MessageFilter;

/**
 * A pull as the broker serves it, parsed and checked once, kept for reading again after a
 * long-polling wait.
 *
 * @param command       the request (the response copies its opaque and serialize type)
 * @param group         the pulling consumer group
 * @param topic         the topic
 * @param queueId       the queue
 * @param offset        the first queue offset wanted
 * @param maxMessages   at most this many messages
 * @param maxBytes      at most this many bytes (the first message is always returned)
 * @param sysFlag       the pull's flag bits
 * @param commitOffset  the group's consumed offset the client carried
 * @param suspendMillis how long the pull may wait when nothing is there (0: answer at once)
 * @param filter        the tag filter, or null for all messages
 */
record PullRequest(RemotingCommand command, String group, String topic, int queueId, long offset, int maxMessages,
                   int maxBytes, int sysFlag, long commitOffset, long suspendMillis, MessageFilter filter) {
}
