package ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.client.repl.Shell;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The seed design's demo: two clients at once, each downloading one test image and uploading another. */
@Timeout(30)
class SeedDemoTest {
    @TempDir
    Path dir;

    @Test
    void twoClientsInterleavedGetAndUploadByteIdenticalCopies() throws Exception {
        try (var server = TestServer.start(dir)) {
            seedServer(server);
            Path local1 = clientFolder("client1", "uploadTestFile1.jpg");
            Path local2 = clientFolder("client2", "uploadTestFile2.jpg");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Shell client1 = server.shell(local1, out, err);
            Shell client2 = server.shell(local2, out, err);

            assertEquals(Shell.OK, client1.execute("get downloadTestFile1.jpg"), err::toString);
            assertEquals(Shell.OK, client2.execute("get downloadTestFile2.jpg"), err::toString);
            assertEquals(Shell.OK, client1.execute("upload uploadTestFile1.jpg"), err::toString);
            assertEquals(Shell.OK, client2.execute("upload uploadTestFile2.jpg"), err::toString);
            assertEquals(Shell.OK, client1.execute("exit"));
            assertEquals(Shell.OK, client2.execute("exit"));

            assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile1.jpg"), local1.resolve("newDownloadTestFile1.jpg"));
            assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile2.jpg"), local2.resolve("newDownloadTestFile2.jpg"));
            assertSameContent(TestServer.TESTFILES.resolve("uploadTestFile1.jpg"), server.root.resolve("newUploadTestFile1.jpg"));
            assertSameContent(TestServer.TESTFILES.resolve("uploadTestFile2.jpg"), server.root.resolve("newUploadTestFile2.jpg"));
            assertEquals("", err.toString());
        }
    }

    @Test
    void twoClientsRunningTheirWholeSessionsInParallel() throws Exception {
        try (var server = TestServer.start(dir); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            seedServer(server);
            Path local1 = clientFolder("client1", "uploadTestFile1.jpg");
            Path local2 = clientFolder("client2", "uploadTestFile2.jpg");
            List<Future<Integer>> results = pool.invokeAll(List.of(
                    session(server, local1, "downloadTestFile1.jpg", "uploadTestFile1.jpg"),
                    session(server, local2, "downloadTestFile2.jpg", "uploadTestFile2.jpg")));
            for (Future<Integer> result : results) {
                assertEquals(Shell.OK, result.get());
            }
            assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile1.jpg"), local1.resolve("newDownloadTestFile1.jpg"));
            assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile2.jpg"), local2.resolve("newDownloadTestFile2.jpg"));
            assertSameContent(TestServer.TESTFILES.resolve("uploadTestFile1.jpg"), server.root.resolve("newUploadTestFile1.jpg"));
            assertSameContent(TestServer.TESTFILES.resolve("uploadTestFile2.jpg"), server.root.resolve("newUploadTestFile2.jpg"));
        }
    }

    private static Callable<Integer> session(TestServer server, Path local, String download, String upload) {
        return () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            Shell shell = server.shell(local, out, err);
            int code = Shell.OK;
            for (String line : List.of("get " + download, "upload " + upload, "list", "exit")) {
                code = Math.max(code, shell.execute(line));
            }
            return code;
        };
    }

    private static void seedServer(TestServer server) throws Exception {
        TestServer.copyTestFile("downloadTestFile1.jpg", server.root);
        TestServer.copyTestFile("downloadTestFile2.jpg", server.root);
    }

    private Path clientFolder(String name, String upload) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        TestServer.copyTestFile(upload, folder);
        return folder;
    }

    static void assertSameContent(Path expected, Path actual) throws Exception {
        assertEquals(-1L, Files.mismatch(expected, actual), () -> actual + " differs from " + expected);
    }
}
