package com.musiccorp.platform.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free loopback ports for a system started on ports of its own (benchmarks, fault runs, tests).
 * Every socket stays open until all are chosen: asked one at a time, the kernel may hand out a
 * port it just handed out, and a broker given the same port for two listeners does not start.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code names} → a distinct free port each. */
    public static Map<String, Integer> forEach(List<String> names) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String name : names) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.put(name, socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a port we only looked at
                }
            }
        }
    }
}
