package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where passive data connections listen: chosen ports, never the kernel's slow search unless it must. */
@Timeout(20)
class PassivePortsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void withoutARangePortsAreChosenAtRandomInTheDynamicRange() throws IOException {
        List<ServerSocket> open = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        try {
            for (int i = 0; i < 20; i++) {
                ServerSocket socket = PassivePorts.ANY.open(LOOPBACK);
                open.add(socket);
                ports.add(socket.getLocalPort());
                assertTrue(socket.getReuseAddress(), "binds despite TIME_WAIT connections on the port");
            }
        } finally {
            for (ServerSocket socket : open) socket.close();
        }
        assertEquals(20, ports.size(), "all open at once, so all different");
        assertTrue(ports.stream().allMatch(p -> p >= 49152 && p <= 65535), ports::toString);
    }

    @Test
    void aRangeIsUsedUpThenRefusedClearly() throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            free = probe.getLocalPort();
        }
        PassivePorts one = new PassivePorts(free, free);
        try (ServerSocket first = one.open(LOOPBACK)) {
            assertEquals(free, first.getLocalPort());
            BindException e = assertThrows(BindException.class, () -> one.open(LOOPBACK).close());
            assertEquals("all passive ports " + free + "-" + free + " are in use", e.getMessage());
        }
    }
}
