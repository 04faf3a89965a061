package dev.mq.client;

import dev.mq.client.internal.ClientCore;

/** Lets tests in other packages reach a client's core, as the consumers and the admin API do. */
public final class TestAccess {

    private TestAccess() {
    }

    /** The client's shared machinery. */
    public static ClientCore core(MqClient client) {
        return client.core();
    }
}
