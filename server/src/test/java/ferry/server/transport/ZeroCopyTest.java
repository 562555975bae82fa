package ferry.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copied tail from a /proc/sys/net laid out in a temporary folder. */
class ZeroCopyTest {
    @TempDir
    Path net;

    private void limits(String tcpWmem, String tcpRmem, String wmemMax, String rmemMax) throws IOException {
        Files.createDirectories(net.resolve("ipv4"));
        Files.createDirectories(net.resolve("core"));
        Files.writeString(net.resolve("ipv4/tcp_wmem"), tcpWmem);
        Files.writeString(net.resolve("ipv4/tcp_rmem"), tcpRmem);
        Files.writeString(net.resolve("core/wmem_max"), wmemMax);
        Files.writeString(net.resolve("core/rmem_max"), rmemMax);
    }

    @Test
    void linuxDefaultsGiveTheAutotuningMaximaOfBothQueues() throws IOException {
        limits("4096\t16384\t4194304\n", "4096\t131072\t6291456\n", "212992\n", "212992\n");
        assertEquals(4194304 + 6291456, ZeroCopy.copiedTail(net, 25));
    }

    @Test
    void aLargerSocketOptionLimitCountsDoubled() throws IOException {
        limits("4096 16384 4194304", "4096 131072 6291456", "4194304", "16777216");
        assertEquals(2L * 4194304 + 2L * 16777216, ZeroCopy.copiedTail(net, 22));
    }

    @Test
    void thisMachinesLimitsAreRead() {
        boolean linux = Files.isReadable(Path.of("/proc/sys/net/ipv4/tcp_wmem"));
        org.junit.jupiter.api.Assumptions.assumeTrue(linux && Runtime.version().feature() >= 22, "Linux and Java 22+");
        assertTrue(ZeroCopy.copiedTail() > 0, "sendfile is used here");
    }

    @Test
    void java21NeverUsesSendfile() throws IOException {
        limits("4096 16384 4194304", "4096 131072 6291456", "212992", "212992");
        assertEquals(-1, ZeroCopy.copiedTail(net, 21));
    }

    @Test
    void missingOrOddLimitsMeanEverythingIsCopied() throws IOException {
        assertEquals(-1, ZeroCopy.copiedTail(net, 25), "no such files: not Linux");
        limits("4096 16384", "4096 131072 6291456", "212992", "212992");
        assertEquals(-1, ZeroCopy.copiedTail(net, 25), "a field missing");
        limits("4096 16384 4194304", "4096 131072 6291456", "0", "212992");
        assertEquals(-1, ZeroCopy.copiedTail(net, 25), "not a positive size");
        limits("4096 16384 lots", "4096 131072 6291456", "212992", "212992");
        assertEquals(-1, ZeroCopy.copiedTail(net, 25), "not a number");
    }
}
