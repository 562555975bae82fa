package ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that arrive while the server closes. Each must be told BYE, or be refused or reset by the kernel
 * (the listener closed before it was accepted); none may be accepted and then dropped without a word.
 */
@Timeout(60)
class ConnectDuringShutdownTest {
    private static final int ROUNDS = 20;
    private static final int PROBE_THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void connectionArrivingWhileTheServerClosesIsSaidByeOrRefusedNeverDroppedSilently() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            // With max-clients 1 and the place taken, every connection served is answered at once with a BYE.
            try (var server = TestServer.start(dir.resolve("round" + round), 1, Duration.ofSeconds(5), Duration.ofSeconds(30));
                 var occupant = server.login()) {
                List<String> dropped = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch flowing = new CountDownLatch(PROBE_THREADS * 5);
                List<Thread> probes = new ArrayList<>();
                for (int i = 0; i < PROBE_THREADS; i++) {
                    probes.add(Thread.ofPlatform().start(() -> probeUntilRefused(server.port(), flowing, dropped)));
                }
                flowing.await(5, TimeUnit.SECONDS);
                server.close();
                for (Thread probe : probes) {
                    probe.join(Duration.ofSeconds(10));
                }
                assertEquals(List.of(), dropped, "round " + round);
            }
        }
    }

    /** Sends HELLO and waits 2 s: the answer, or null if the peer stays silent; a reset or EOF is thrown. */
    private static Frame askAgain(Socket socket, FrameReader reader) throws IOException {
        new FrameWriter(socket.getOutputStream()).write(new Frame.Hello(Wire.VERSION));
        socket.setSoTimeout(2_000);
        try {
            return reader.read();
        } catch (SocketTimeoutException stillSilent) {
            return null;
        }
    }

    /**
     * For the failure message: what the kernel holds on the server's port now (via ss, if there), to tell a
     * listener still open after close from a connection the server accepted and forgot.
     */
    private static String sockets(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-tanpe", "( sport = :" + port + " or dport = :" + port + " )")
                    .redirectErrorStream(true).start();
            ss.getOutputStream().close();
            String out = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            ss.waitFor(5, TimeUnit.SECONDS);
            return "ss: " + out.strip().replace('\n', '|');
        } catch (IOException e) {
            return "no ss: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Connects again and again, saying nothing, until the listener refuses; records every silent drop. */
    private static void probeUntilRefused(int port, CountDownLatch flowing, List<String> dropped) {
        while (true) {
            int probePort = -1; // matches the conn=/127.0.0.1:PORT of the server's log lines, to see what it did
            try (Socket socket = new Socket()) {
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                } catch (IOException refused) {
                    return; // the listener is closed (refused, or a SYN lost while it closed)
                }
                probePort = socket.getLocalPort();
                socket.setSoTimeout(3_000);
                FrameReader reader = new FrameReader(socket.getInputStream());
                Frame frame;
                try {
                    frame = reader.read();
                } catch (SocketTimeoutException silent) {
                    // Seen about once in a hundred rounds inside a full test run: the connection was set up while
                    // the listener closed, and no reset reached the blocked read, although ss then showed no socket
                    // for it on the server's side. Whether the server holds it is what matters: say HELLO. A server
                    // that accepted it and forgot it keeps silent; a kernel without the connection resets it.
                    System.err.println("probe port " + probePort + ": silent for 3 s; saying HELLO");
                    frame = askAgain(socket, reader);
                    if (frame == null) {
                        dropped.add("accepted, then no answer within 3 s, nor to a HELLO (probe port " + probePort
                                + "); " + sockets(port));
                        continue;
                    }
                }
                if (!(frame instanceof Frame.Bye)) dropped.add("answered " + frame);
                flowing.countDown();
            } catch (EOFException e) {
                dropped.add("accepted, then closed without a BYE (probe port " + probePort + ")");
            } catch (SocketException reset) {
                // still in the backlog when the listener closed: the kernel reset it, which a client sees at once
            } catch (IOException e) {
                dropped.add(e.toString());
            }
        }
    }
}
