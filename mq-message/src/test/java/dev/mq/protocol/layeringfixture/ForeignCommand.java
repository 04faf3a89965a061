package dev.mq.protocol.layeringfixture;

/**
 * Test fixture standing in for a class of a module above {@code mq-message} (here: the protocol
 * module). Only {@code dev.mq.message.LayeringTest} uses it, to prove that the rules catch a
 * message-model class depending on another module.
 */
public final class ForeignCommand {

    /** A value to depend on. */
    public int code() {
        return 0;
    }
}
