package dev.mq.client.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;

/** The address this process is known by in client ids and message ids. */
final class LocalAddress {

    private LocalAddress() {
    }

    /**
     * The first IPv4 address of an up, non-loopback interface (site-local ones first), else
     * 127.0.0.1.
     */
    static InetAddress find() {
        InetAddress fallback = null;
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                NetworkInterface candidate = interfaces.nextElement();
                if (!candidate.isUp() || candidate.isLoopback() || candidate.isVirtual()) {
                    continue;
                }
                Enumeration<InetAddress> addresses = candidate.getInetAddresses();
                while (addresses.hasMoreElements()) {
                    InetAddress address = addresses.nextElement();
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress()) {
                        if (address.isSiteLocalAddress()) {
                            return address;
                        }
                        if (fallback == null) {
                            fallback = address;
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: fall back to loopback below
        }
        return fallback != null ? fallback : InetAddress.getLoopbackAddress();
    }
}
