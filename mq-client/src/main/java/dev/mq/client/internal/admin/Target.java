package dev.mq.client.internal.admin;

import java.util.Objects;

/**
 * Where an admin request goes: a broker by name and the address of the member to ask (usually the
 * master), or a name server.
 *
 * @param broker  the broker name, or "name server"
 * @param address {@code host:port}
 */
record Target(String broker, String address) {

    /** The name used for name servers in messages and issues. */
    static final String NAME_SERVER = "name server";

    Target {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(address, "address");
    }

    /** "broker-a (127.0.0.1:10911)". */
    @Override
    public String toString() {
        return broker + " (" + address + ")";
    }
}
