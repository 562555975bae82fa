package ferry.server.ftp;

import static ferry.server.ftp.RawFtp.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FtpLoginTest {
    @TempDir
    Path dir;

    @Test
    void aKnownUserLogsInWithTheRightPassword() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.client();
            assertTrue(ftp.login("demo", "demo"));
            assertEquals(230, ftp.getReplyCode());
            assertEquals("/", ftp.printWorkingDirectory());
        }
    }

    @Test
    void aWrongPasswordIsRefusedWith530() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.client();
            assertFalse(ftp.login("demo", "wrong"));
            assertEquals(530, ftp.getReplyCode());
            assertTrue(ftp.login("demo", "demo"), "a later correct login still works");
        }
    }

    @Test
    void anUnknownUserGetsTheSameRepliesAsAWrongPassword() throws Exception {
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort())) {
            assertEquals(331, code(raw.send("USER demo")));
            String wrongPassword = raw.send("PASS wrong");
            assertEquals(331, code(raw.send("USER nobody")));
            String unknownUser = raw.send("PASS wrong");
            assertEquals(530, code(wrongPassword));
            assertEquals(wrongPassword, unknownUser);
        }
    }

    @Test
    void theThirdFailedLoginIsAnswered421AndTheConnectionIsClosed() throws Exception {
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort())) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                raw.send("USER demo");
                assertEquals(530, code(raw.send("PASS wrong" + attempt)));
            }
            raw.send("USER demo");
            assertEquals(421, code(raw.send("PASS wrong3")));
            raw.assertClosedByServer();
        }
    }

    @Test
    void passWithoutUserIsAnswered503() throws Exception {
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort())) {
            assertEquals(503, code(raw.send("PASS demo")));
        }
    }

    @Test
    void commandsThatNeedALoginAreAnswered530BeforeIt() throws Exception {
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort())) {
            for (String command : List.of("PWD", "CWD /", "CDUP", "MKD x", "RMD x", "DELE x", "RNFR x", "RNTO y",
                    "TYPE I", "PASV", "EPSV", "PORT 127,0,0,1,200,10", "LIST", "NLST", "MLSD", "MLST x", "SIZE x",
                    "MDTM x", "REST 1", "RETR x", "STOR x", "STOU", "APPE x", "SITE HELP", "ALLO 10")) {
                assertEquals(530, code(raw.send(command)), command);
            }
            raw.login("demo", "demo");
            assertEquals(257, code(raw.send("PWD")));
        }
    }

    @Test
    void reinLogsTheUserOut() throws Exception {
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort())) {
            raw.login("demo", "demo");
            assertEquals(220, code(raw.send("REIN")));
            assertEquals(530, code(raw.send("PWD")));
        }
    }

    @Test
    void anUnknownVerbIsAnswered502BeforeAndAfterLogin() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.client();
            assertEquals(502, ftp.sendCommand("XYZZY"));
            assertTrue(ftp.login("demo", "demo"));
            assertEquals(502, ftp.sendCommand("XYZZY", "plugh"));
            assertTrue(ftp.sendNoOp(), "the session goes on");
        }
    }

    @Test
    void aCommandLineOf5000BytesIsAnswered500AndTheSessionGoesOn() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("demo", "demo");
            assertEquals(500, ftp.sendCommand("NOOP", "x".repeat(4995)));
            assertTrue(ftp.sendNoOp(), ftp::getReplyString);
            assertEquals("/", ftp.printWorkingDirectory());
        }
    }

    @Test
    void quitIsAnswered221AndClosesTheConnection() throws Exception {
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort())) {
            raw.login("demo", "demo");
            assertEquals(221, code(raw.send("QUIT")));
            raw.assertClosedByServer();
        }
    }
}
