package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.Shell;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** get -r and upload -r mirror trees (empty folders too); mget and mput take globs; each ends with one summary line. */
@Timeout(30)
class FoldersAndGlobsTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "(?m)^(get -r|upload -r|mget|mput)[^\\n]*: \\d+ files?, \\d+ folders?, .* in .* s \\(.*/s\\), \\d+ failed.*$");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void uploadMinusRMirrorsATreeWithNestedAndEmptyFoldersAndGetMinusRBringsItBack() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("local/site"));
        Files.writeString(tree.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(tree.resolve("css/empty-inside"));
        Files.createDirectories(tree.resolve("empty"));
        Files.write(tree.resolve("css/a.css"), TestServer.random(5_000, 1));
        Files.createDirectories(tree.resolve("img/2026/11"));
        Files.write(tree.resolve("img/2026/11/p.jpg"), TestServer.random(30_000, 2));
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(dir.resolve("local"), out, err);
            assertEquals(0, shell.execute("upload -r site"), err::toString);
            assertEquals(tree(tree), tree(server.root.resolve("site")));
            assertTrue(out.toString().contains("upload -r site: 3 files, 7 folders"), out.toString());

            Files.createDirectories(dir.resolve("back"));
            shell = server.shell(dir.resolve("back"), out, err);
            assertEquals(0, shell.execute("get -r site copy"), err::toString);
            assertEquals(tree(tree), tree(dir.resolve("back/copy")));
            assertArrayEquals(Files.readAllBytes(tree.resolve("img/2026/11/p.jpg")), Files.readAllBytes(dir.resolve("back/copy/img/2026/11/p.jpg")));
            assertTrue(out.toString().contains("get -r site: 3 files, 7 folders"), out.toString());
            assertEquals(2, SUMMARY.matcher(out.toString()).results().count(), out.toString());
            assertEquals("", err.toString());
        }
    }

    @Test
    void getMinusRIntoAnExistingFolderMergesAndCountsFilesThatExistAsFailures() throws Exception {
        try (var server = TestServer.start(dir)) {
            Files.createDirectories(server.root.resolve("d/sub"));
            Files.writeString(server.root.resolve("d/a.txt"), "new");
            Files.writeString(server.root.resolve("d/sub/b.txt"), "b");
            Path local = Files.createDirectories(dir.resolve("here/d"));
            Files.writeString(local.resolve("a.txt"), "mine");
            Shell shell = server.shell(dir.resolve("here"), out, err);
            assertEquals(Shell.FAILED, shell.execute("get -r d"));
            assertEquals("mine", Files.readString(local.resolve("a.txt")), "not replaced without -f");
            assertEquals("b", Files.readString(local.resolve("sub/b.txt")));
            assertTrue(out.toString().contains("get -r d: 1 file, 2 folders") && out.toString().contains("1 failed"), out.toString());
            assertTrue(err.toString().contains("a.txt exists; use -f"), err.toString());
            assertEquals(0, shell.execute("get -r -f d"), err::toString);
            assertEquals("new", Files.readString(local.resolve("a.txt")));
        }
    }

    @Test
    void uploadMinusRSkipsSymbolicLinksInsteadOfFollowingThemOutOfTheTree() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not for the server");
        Path tree = Files.createDirectories(dir.resolve("local/t"));
        Files.writeString(tree.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(tree.resolve("link.txt"), outside);
        Files.createSymbolicLink(tree.resolve("linkdir"), dir);
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(dir.resolve("local"), out, err);
            assertEquals(0, shell.execute("upload -r t"), err::toString);
            assertEquals(List.of("ok.txt"), tree(server.root.resolve("t")));
            assertTrue(out.toString().contains("1 file, 1 folder") && out.toString().contains("2 skipped"), out.toString());
            assertTrue(err.toString().contains("is a symbolic link"), err.toString());
        }
    }

    @Test
    void mgetTakesGlobsInTheFileNameAndEndsWithOneSummaryLine() throws Exception {
        try (var server = TestServer.start(dir)) {
            Files.createDirectories(server.root.resolve("logs/old"));
            for (String name : List.of("a.log", "b.log", "c.txt", "day-1.csv", "day-2.csv", "day-x.csv")) {
                Files.writeString(server.root.resolve("logs/" + name), name);
            }
            Path local = Files.createDirectories(dir.resolve("local"));
            Shell shell = server.shell(local, out, err);
            assertEquals(0, shell.execute("mget logs/*.log logs/day-[0-9].csv logs/?.txt"), err::toString);
            assertEquals(List.of("a.log", "b.log", "c.txt", "day-1.csv", "day-2.csv"), tree(local));
            assertEquals("b.log", Files.readString(local.resolve("b.log")));
            assertEquals(1, SUMMARY.matcher(out.toString()).results().count(), out.toString());
            assertTrue(out.toString().startsWith("mget: 5 files, 0 folders, "), out.toString());

            assertEquals(Shell.FAILED, shell.execute("mget logs/*.nothing"));
            assertTrue(err.toString().contains("no remote file matches logs/*.nothing"), err.toString());
        }
    }

    @Test
    void mputTakesGlobsAndCountsNamesTheServerRefusesAsFailures() throws Exception {
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.createDirectories(local.resolve("data"));
        for (String name : List.of("x1.csv", "x2.csv", "y.csv", "notes.md")) Files.writeString(local.resolve("data/" + name), name);
        Files.writeString(local.resolve("data/.ferry-upload-evil.csv"), "reserved on the server");
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(local, out, err);
            assertEquals(Shell.FAILED, shell.execute("mput data/*.csv"));
            assertEquals(List.of("x1.csv", "x2.csv", "y.csv"), tree(server.root));
            assertTrue(out.toString().startsWith("mput: 3 files, 0 folders, ") && out.toString().contains("1 failed"), out.toString());
            assertTrue(err.toString().contains("reserved name"), err.toString());
            assertEquals(0, shell.execute("mput data/x?.csv data/[n]otes.md -f"), err::toString);
            assertTrue(Files.exists(server.root.resolve("notes.md")));
        }
    }

    @Test
    void compressIsASessionSettingAndCompressedTransfersRoundTrip() throws Exception {
        Path local = Files.createDirectories(dir.resolve("local"));
        byte[] text = "line of a log that repeats itself\n".repeat(10_000).getBytes();
        byte[] noise = TestServer.random(40_000, 3);
        Files.write(local.resolve("t.log"), text);
        Files.write(local.resolve("n.bin"), noise);
        Files.write(local.resolve("e.txt"), new byte[0]);
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(local, out, err);
            assertEquals(0, shell.execute("compress on"));
            assertTrue(out.toString().contains("compression on"));
            assertEquals(0, shell.execute("mput *.log *.bin *.txt"), err::toString);
            assertEquals(0, shell.execute("compress off"));
            assertEquals(0, shell.execute("get --compress t.log t2.log"), err::toString);
            assertEquals(0, shell.execute("get --compress e.txt e2.txt"), err::toString);
            assertEquals(0, shell.execute("upload --compress n.bin n2.bin"), err::toString);
            assertArrayEquals(text, Files.readAllBytes(server.root.resolve("t.log")));
            assertArrayEquals(noise, Files.readAllBytes(server.root.resolve("n.bin")));
            assertArrayEquals(noise, Files.readAllBytes(server.root.resolve("n2.bin")));
            assertArrayEquals(new byte[0], Files.readAllBytes(server.root.resolve("e.txt")));
            assertArrayEquals(text, Files.readAllBytes(local.resolve("t2.log")));
            assertArrayEquals(new byte[0], Files.readAllBytes(local.resolve("e2.txt")));
        }
    }

    /** Every file and folder under {@code root}, relative and sorted, folders ending in /. */
    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().toList();
        }
    }
}
