package dev.mq.apache.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports, as the operating system hands them out for an ephemeral bind. */
final class Ports {

    /** Apache's broker also listens on its port minus 2 (the "fast" remoting server, not configurable). */
    static final int FAST_PORT_OFFSET = 2;

    private static final int ATTEMPTS = 50;

    private Ports() {
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }

    /** A free port {@code p} for a broker's remoting server such that {@code p - 2} is free too. */
    static int freeBrokerPort() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = freePort();
            if (port - FAST_PORT_OFFSET > 1024 && isFree(port - FAST_PORT_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("found no free port p with p - 2 free too in " + ATTEMPTS + " attempts");
    }

    /** A free port other than the given ones. */
    static int freePortExcept(int... taken) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = freePort();
            boolean clash = false;
            for (int t : taken) {
                clash |= t == port;
            }
            if (!clash) {
                return port;
            }
        }
        throw new IllegalStateException("found no free port in " + ATTEMPTS + " attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
