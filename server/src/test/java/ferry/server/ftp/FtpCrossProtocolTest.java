package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.protocol.Status;
import ferry.server.RawClient;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One server, two protocols: the same users, homes and files. */
@Timeout(30)
class FtpCrossProtocolTest {
    @TempDir
    Path dir;

    @Test
    void aFileUploadedOverFramesIsReadByteIdenticalOverFtp() throws Exception {
        byte[] content = FtpTestServer.random(5_000);
        try (var server = FtpTestServer.start(dir); var framed = RawClient.connect(server.server.port())) {
            framed.hello();
            framed.login("alice", "a");
            assertEquals(Status.OK, framed.upload("framed.bin", content, false).status());
            FTPClient ftp = server.login("alice", "a");
            FTPFile[] listed = ftp.listFiles();
            assertEquals("framed.bin", listed[0].getName());
            assertEquals(content.length, listed[0].getSize());
            assertArrayEquals(content, FtpTestServer.retrieve(ftp, "framed.bin"));
        }
    }

    @Test
    void aFileUploadedOverFtpIsReadByteIdenticalOverFrames() throws Exception {
        byte[] content = FtpTestServer.random(5_001);
        try (var server = FtpTestServer.start(dir); var framed = RawClient.connect(server.server.port())) {
            FTPClient ftp = server.login("alice", "a");
            FtpTestServer.store(ftp, "ftp.bin", content);
            framed.hello();
            framed.login("alice", "a");
            assertArrayEquals(content, framed.get("ftp.bin"));
        }
    }
}
