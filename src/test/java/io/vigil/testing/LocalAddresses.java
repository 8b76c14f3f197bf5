package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;

/** This machine's addresses beyond loopback, to check what a server bound to loopback refuses. */
public final class LocalAddresses {
    static final int CONNECT_TIMEOUT_MS = 2_000;

    private LocalAddresses() {
    }

    /** An IPv4 address of an interface that is up and not loopback, if the machine has one. */
    public static Optional<InetAddress> nonLoopback() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(LocalAddresses::isUpAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a TCP connection to {@code address:port} is accepted. */
    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUpAndNotLoopback(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
