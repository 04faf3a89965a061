package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

/**
 * The header of DELETE_SUBSCRIPTIONGROUP (207, admin to broker): delete a subscription group and,
 * on our broker, its committed offsets. The answer has no header.
 *
 * @param groupName {@code groupName}, R: the group
 */
public record DeleteSubscriptionGroupHeader(String groupName) implements CommandHeader {

    private static final String GROUP_NAME = "groupName";

    /** Reads the header of a DELETE_SUBSCRIPTIONGROUP request. */
    public static DeleteSubscriptionGroupHeader read(RemotingCommand request) {
        return new DeleteSubscriptionGroupHeader(request.requireExt(GROUP_NAME));
    }

    @Override
    public void writeTo(RemotingCommand request) {
        request.putExt(GROUP_NAME, groupName);
    }
}
