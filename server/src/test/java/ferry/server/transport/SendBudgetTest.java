package ferry.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads' share of the send budget: the arithmetic, and what the guards give their real loopback sockets. */
@Timeout(20)
class SendBudgetTest {
    private static final int MIB = 1 << 20;
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    @Test
    void aDownloadAloneIsLeftToTheKernelAndSeveralShareTheBudget() {
        SendBudget budget = new SendBudget(2 * MIB);
        assertEquals(0, budget.share(), "none");
        SendBudget.Counted first = budget.count();
        assertEquals(0, budget.share(), "alone");
        SendBudget.Counted second = budget.count();
        assertEquals(MIB, budget.share());
        List<SendBudget.Counted> more = new ArrayList<>();
        for (int i = 0; i < 98; i++) more.add(budget.count());
        assertEquals(SendBudget.MINIMUM_SHARE, budget.share(), "100 downloads: 20 KiB each would be too little");
        more.forEach(SendBudget.Counted::close);
        second.close();
        second.close(); // counted once
        assertEquals(0, budget.share(), "alone again");
        first.close();
    }

    @Test
    void offCountsNothingAndLeavesEverySocketToTheKernel() {
        assertSame(SendBudget.Counted.NONE, SendBudget.OFF.count());
        assertSame(SendBudget.Counted.NONE, SendBudget.OFF.count());
        assertEquals(0, SendBudget.OFF.share());
    }

    @Test
    void onThisMachineMeansALoopbackPeerOrTheConnectionsOwnAddress() throws IOException {
        InetAddress lan = InetAddress.getByName("192.0.2.7"), other = InetAddress.getByName("198.51.100.1");
        assertTrue(SendBudget.onThisMachine(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.1")));
        assertTrue(SendBudget.onThisMachine(InetAddress.getByName("127.3.2.1"), lan), "all of 127/8");
        assertTrue(SendBudget.onThisMachine(InetAddress.getByName("::1"), InetAddress.getByName("::1")));
        assertTrue(SendBudget.onThisMachine(InetAddress.getByName("::ffff:127.0.0.1"), lan), "IPv4-mapped");
        assertTrue(SendBudget.onThisMachine(lan, lan), "the machine's own address on a network");
        assertFalse(SendBudget.onThisMachine(other, lan), "another machine");
        assertFalse(SendBudget.onThisMachine(InetAddress.getByName("0.0.0.0"), InetAddress.getByName("0.0.0.0")));
        assertFalse(SendBudget.onThisMachine(null, lan), "not connected");
    }

    @Test
    void aSocketWithoutAChannelIsNeverCounted() throws Exception {
        SendBudget budget = new SendBudget(2 * MIB);
        Socket[] pair = connectedPair();
        StallGuard noChannel = StallGuard.of(pair[1], budget); // a client-side Socket: no channel, like TLS
        try (SendBudget.Counted other = budget.count(); SendBudget.Counted mine = noChannel.downloading()) {
            assertSame(SendBudget.Counted.NONE, mine);
            assertEquals(0, budget.share(), "one download counted");
        }
    }

    @Test
    void onlyClientsOnThisMachineShareIt() throws IOException {
        SendBudget budget = new SendBudget(2 * MIB);
        Socket[] pair = connectedPair();
        assertSame(budget, budget.forPeerOf(pair[0]), "loopback");
        try (Socket unconnected = new Socket()) {
            assertSame(SendBudget.OFF, budget.forPeerOf(unconnected));
        }
    }

    @Test
    void aServerConfigWithABadBudgetFailsBeforeAnythingOpens() {
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        assertThrows(IllegalArgumentException.class, () -> new ferry.server.Server.Config(address, dir, dir.resolve("users.txt"),
                10, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), null,
                new ferry.server.ftp.FtpSessions.DataSettings(null, null), ferry.server.Server.Security.DEFAULT, 1000));
    }

    @Test
    void aBudgetIsOffOrAtLeastOneShare() {
        assertThrows(IllegalArgumentException.class, () -> new SendBudget(SendBudget.MINIMUM_SHARE - 1));
        assertThrows(IllegalArgumentException.class, () -> new SendBudget(-1));
        assertEquals(SendBudget.MINIMUM_SHARE, new SendBudget(SendBudget.MINIMUM_SHARE).bytes());
    }

    @Test
    void twoDownloadsAtOnceGiveTheirSocketsHalfEachAndTheLastOneAloneGetsTheWholeBudget() throws Exception {
        SendBudget budget = new SendBudget(2 * MIB);
        Path file = Files.write(dir.resolve("f"), new byte[256 << 10]);
        Socket[] a = connectedPair(), b = connectedPair();
        StallGuard first = StallGuard.of(a[0], budget), second = StallGuard.of(b[0], budget);
        drain(a[1]);
        drain(b[1]);
        try (FileChannel channel = FileChannel.open(file)) {
            SendBudget.Counted one = first.downloading();
            first.transferFrom(channel, 0, channel.size());
            assertEquals(0, sendBuffer(first), "alone: the kernel's sizing");
            try (SendBudget.Counted two = second.downloading()) {
                second.transferFrom(channel, 0, channel.size());
                first.transferFrom(channel, 0, channel.size());
                assertEquals(MIB, sendBuffer(first));
                assertEquals(MIB, sendBuffer(second));
                assertEquals(kernelSize(MIB), a[0].getOption(StandardSocketOptions.SO_SNDBUF), "the kernel has it");
            }
            first.transferFrom(channel, 0, channel.size());
            assertEquals(2 * MIB, sendBuffer(first), "alone again: set, as it cannot be unset");
            one.close();
        }
    }

    @Test
    void gatheringWritesAndCopiedBytesTakeTheShareToo() throws Exception {
        SendBudget budget = new SendBudget(4 * MIB);
        StallGuard guard = drainedGuard(budget);
        try (SendBudget.Counted elsewhere = budget.count(); SendBudget.Counted mine = guard.downloading()) {
            ((ferry.protocol.GatheringOutput) guard).writeFully(new ByteBuffer[] {ByteBuffer.allocate(1000)}, 0, 1);
            assertEquals(2 * MIB, sendBuffer(guard), "framed-style gathering writes");
            try (SendBudget.Counted third = budget.count()) {
                guard.write("ASCII mode\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals(4 * MIB / 3, sendBuffer(guard), "FTP's ASCII mode copies");
            }
        }
    }

    @Test
    void writesOutsideADownloadLeaveTheSocketAlone() throws Exception {
        SendBudget budget = new SendBudget(2 * MIB);
        StallGuard guard = drainedGuard(budget);
        try (SendBudget.Counted x = budget.count(); SendBudget.Counted y = budget.count()) {
            ((ferry.protocol.GatheringOutput) guard).writeFully(new ByteBuffer[] {ByteBuffer.allocate(100)}, 0, 1);
            guard.write(new byte[100]);
            assertEquals(0, sendBuffer(guard), "a reply, a listing: not a download");
        }
    }

    /** What this kernel makes of SO_SNDBUF = {@code bytes} (Linux caps it at net.core.wmem_max, and may double it). */
    private int kernelSize(int bytes) throws IOException {
        Socket control = connectedPair()[0];
        control.setOption(StandardSocketOptions.SO_SNDBUF, bytes);
        return control.getOption(StandardSocketOptions.SO_SNDBUF);
    }

    private static int sendBuffer(StallGuard guard) {
        return ((StallGuard.Gathering) guard).sendBuffer();
    }

    /** The guard of a server-side socket whose client reads and drops everything. */
    private StallGuard drainedGuard(SendBudget budget) throws IOException {
        Socket[] pair = connectedPair();
        drain(pair[1]);
        return StallGuard.of(pair[0], budget);
    }

    /** A connected pair on loopback, with channels as the server's sockets have: [server side, client side]. */
    private Socket[] connectedPair() throws IOException {
        ServerSocket listener = ServerSocketChannel.open().socket();
        open.add(listener);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        open.add(client);
        Socket server = listener.accept();
        open.add(server);
        return new Socket[] {server, client};
    }

    /** Reads and drops what arrives on {@code socket} until it closes, so that writes never block. */
    private static void drain(Socket socket) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // the test is over
            }
        });
    }
}
