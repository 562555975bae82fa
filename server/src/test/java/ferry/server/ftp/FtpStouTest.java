package ferry.server.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** STOU (RFC 959 4.1.3, with RFC 1123 4.1.2.9's reply): a new file under a name nobody uses yet. */
@Timeout(30)
class FtpStouTest {
    @TempDir
    Path dir;
    private FtpTestServer server;
    private FTPClient ftp;

    @BeforeEach
    void logIn() throws Exception {
        server = FtpTestServer.start(dir);
        ftp = server.login("alice", "a");
        Files.writeString(server.aliceHome().resolve("report.txt"), "original");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(server.aliceHome())) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** The one file that is new since {@code before}, checked to hold {@code content}. */
    private String newFile(Set<String> before, String content) throws IOException {
        Set<String> created = names();
        created.removeAll(before);
        assertEquals(1, created.size(), "new files: " + created);
        String name = created.iterator().next();
        assertEquals(content, Files.readString(server.aliceHome().resolve(name)));
        return name;
    }

    @Test
    void stouWithoutANameStoresUnderANewName() throws Exception {
        Set<String> before = names();
        assertTrue(ftp.storeUniqueFile(new ByteArrayInputStream("first".getBytes(UTF_8))), ftp.getReplyString());
        String first = newFile(before, "first");
        before = names();
        assertTrue(ftp.storeUniqueFile(new ByteArrayInputStream("second".getBytes(UTF_8))), ftp.getReplyString());
        String second = newFile(before, "second");
        assertEquals("first", Files.readString(server.aliceHome().resolve(first)), "the first is untouched");
        assertNotEquals(first, second);
    }

    @Test
    void stouWithATakenNameLeavesTheExistingFileAlone() throws Exception {
        Set<String> before = names();
        assertTrue(ftp.storeUniqueFile("report.txt", new ByteArrayInputStream("new".getBytes(UTF_8))), ftp.getReplyString());
        assertEquals("original", Files.readString(server.aliceHome().resolve("report.txt")));
        newFile(before, "new");
    }

    @Test
    void stouNamesTheFileInItsPreliminaryReplyAsFilePathname() throws Exception {
        List<String> transcript = FtpTestServer.transcript(ftp);
        assertTrue(ftp.storeUniqueFile("report.txt", new ByteArrayInputStream("new".getBytes(UTF_8))));
        String preliminary = transcript.stream().filter(line -> line.startsWith("< 150") || line.startsWith("< 125"))
                .findFirst().orElseThrow(() -> new AssertionError("no 1xx reply: " + transcript));
        // RFC 1123 4.1.2.9: the 125/150 reply to STOU MUST read "150 FILE: pppp", pppp the unique pathname.
        Matcher matcher = Pattern.compile("< 1[25]0 FILE: (\\S+)").matcher(preliminary);
        assertTrue(matcher.matches(), "RFC 1123 4.1.2.9 reply format, got: " + preliminary);
        assertEquals("new", Files.readString(server.aliceHome().resolve(matcher.group(1).replaceFirst("^/", ""))));
    }

    @Test
    void twoStouAtOnceNeverOverwriteEachOther() throws Exception {
        try (var raw = RawFtp.connect(server.ftpPort()); var data = new Socket();
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            raw.login("demo", "demo"); // demo's home is the whole root: it stores into alice's folder too
            raw.send("TYPE I");
            data.connect(new InetSocketAddress("127.0.0.1", RawFtp.pasvPort(raw.send("PASV"))), 5_000);
            assertEquals(150, RawFtp.code(raw.send("STOU homes/alice/report.txt")));
            // While demo's unique upload is open, alice asks for a unique name from the same base.
            var second = pool.submit(() ->
                    ftp.storeUniqueFile("report.txt", new ByteArrayInputStream("from alice".getBytes(UTF_8))));
            TestServer.await("alice's STOU under way", () -> server.server.status().stream()
                    .anyMatch(line -> line.contains("user=alice STOU")));
            data.getOutputStream().write("from demo".getBytes(UTF_8));
            data.close();
            assertEquals(226, RawFtp.code(raw.reply()));
            boolean stored = second.get(10, TimeUnit.SECONDS);
            List<String> contents = new ArrayList<>();
            for (String name : names()) contents.add(Files.readString(server.aliceHome().resolve(name)));
            assertTrue(contents.contains("original") && contents.contains("from demo"), "demo's file survives: " + contents);
            assertEquals(stored, contents.contains("from alice"), "alice's reply matches the disk: " + contents);
        }
    }
}
