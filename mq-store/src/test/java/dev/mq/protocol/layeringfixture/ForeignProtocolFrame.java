package dev.mq.protocol.layeringfixture;

/**
 * Test fixture standing in for a class of another project module (here: the protocol module).
 * Only {@code dev.mq.store.LayeringTest} uses it, to prove that the layering rules catch a store
 * class depending on another module.
 */
public final class ForeignProtocolFrame {

    public int code() {
        return 0;
    }
}
