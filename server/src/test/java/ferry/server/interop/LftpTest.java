package ferry.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.server.Server;
import ferry.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** lftp mirrors a tree with nested and empty folders up to the FTP port and back down, unchanged. */
@Timeout(120)
class LftpTest {
    @TempDir
    Path dir;

    private Server server;

    @BeforeEach
    void start() throws Exception {
        Tools.require("lftp");
        server = Tools.server(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void mirrorUpAndBackDownKeepsTheTreeExactly() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.createDirectories(tree.resolve("empty"));
        Files.write(tree.resolve("top.bin"), TestServer.random(250_000, 1));
        Files.write(tree.resolve("a/one.txt"), "one\n".getBytes());
        Files.write(tree.resolve("a/b/c/deep.bin"), TestServer.random(3_000, 2));
        Files.write(tree.resolve("a/b/zero.bin"), new byte[0]);

        Tools.assertOk(lftp("mirror -R tree up"));
        assertEquals(snapshot(tree), snapshot(dir.resolve("root/up")));
        Tools.assertOk(lftp("mirror up back"));
        assertEquals(snapshot(tree), snapshot(dir.resolve("back")));
    }

    private Tools.Run lftp(String command) throws Exception {
        return Tools.run(dir, "lftp", "-u", "demo,demo", "-p", String.valueOf(server.ftpPort()), "-e",
                "set ftp:ssl-allow no; set net:max-retries 1; set net:timeout 20; " + command + "; quit", "127.0.0.1");
    }

    /** Every folder and file below {@code top}, with each file's content as text of its bytes. */
    private static Map<String, String> snapshot(Path top) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.toList()) {
                String name = top.relativize(path).toString();
                entries.put(name, Files.isDirectory(path) ? "folder" : java.util.Arrays.toString(Files.readAllBytes(path)));
            }
        }
        return entries;
    }
}
