package ferry.client.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.TestServer;
import ferry.client.command.Context;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What Tab offers, against a real server's listings and a real local folder. */
@Timeout(30)
class CompletionTest {
    @TempDir
    Path dir;

    private TestServer server;
    private Shell shell;
    private Path local;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        Files.writeString(server.root.resolve("alpha.txt"), "a");
        Files.writeString(server.root.resolve("also.bin"), "b");
        Files.createDirectories(server.root.resolve("photos/2026"));
        Files.writeString(server.root.resolve("photos/beach.jpg"), "c");
        local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("upload-me.txt"), "d");
        Files.createDirectories(local.resolve("drafts"));
        StringWriter sink = new StringWriter();
        shell = new Shell(new Context(server.connect(), local), LineInput.of(new StringReader("")),
                new PrintWriter(sink, true), new PrintWriter(sink, true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The candidates' values for the line as typed so far, the cursor at its end. */
    private Set<String> complete(String line) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        List<Candidate> candidates = new ArrayList<>();
        shell.completion().complete(null, parser.parse(line, line.length()), candidates);
        Set<String> values = new TreeSet<>();
        candidates.forEach(c -> values.add(c.value()));
        return values;
    }

    @Test
    void firstWordCompletesToCommandsAndAliases() {
        Set<String> names = complete("");
        assertTrue(names.containsAll(Set.of("get", "upload", "put", "list", "ls", "cd", "lcd", "rename", "mv", "exit", "help")), names::toString);
        assertEquals(names, complete("help "), "help completes command names too");
    }

    @Test
    void dashCompletesTheCommandsOptions() {
        assertTrue(complete("get -").containsAll(Set.of("-f", "--force")), () -> complete("get -").toString());
        assertTrue(complete("rmdir -").contains("-r"));
    }

    @Test
    void remoteParametersCompleteFromTheServersListing() {
        assertEquals(Set.of("alpha.txt", "also.bin", "photos/"), complete("get "));
        assertEquals(Set.of("photos/2026/", "photos/beach.jpg"), complete("get photos/"));
        assertEquals(Set.of("alpha.txt", "also.bin", "photos/"), complete("rename alpha.txt "), "both of rename's are remote");
        assertEquals(Set.of(), complete("cd nothere/"), "a missing folder offers nothing");
    }

    @Test
    void localParametersCompleteFromTheLocalFolder() {
        assertEquals(Set.of("drafts/", "upload-me.txt"), complete("upload "));
        assertEquals(Set.of("alpha.txt", "also.bin", "photos/"), complete("upload upload-me.txt "), "upload's second is remote");
        assertEquals(Set.of("drafts/", "upload-me.txt"), complete("get -f alpha.txt "), "get's second is local, options skipped");
        assertEquals(Set.of("drafts/"), complete("lcd "), "folders only for a DIR");
    }

    @Test
    void dirParametersOfferFoldersOnly() {
        assertEquals(Set.of("photos/"), complete("cd "));
        assertEquals(Set.of("photos/2026/"), complete("rmdir -r photos/"));
    }

    @Test
    void foldersLeaveTheWordOpenFilesCloseIt() {
        DefaultParser parser = new DefaultParser();
        List<Candidate> candidates = new ArrayList<>();
        shell.completion().complete(null, parser.parse("get ", 4), candidates);
        for (Candidate candidate : candidates) {
            assertEquals(!candidate.value().endsWith("/"), candidate.complete(), candidate::value);
        }
    }

    @Test
    void listingIsCachedUntilACommandChangesTheServer() throws Exception {
        assertEquals(Set.of("alpha.txt", "also.bin", "photos/"), complete("get "));
        Files.writeString(server.root.resolve("behind-its-back.txt"), "e"); // not by this client
        assertFalse(complete("get ").contains("behind-its-back.txt"), "served from the cache");
        assertEquals(Shell.OK, shell.execute("list")); // read-only: the cache stays
        assertFalse(complete("get ").contains("behind-its-back.txt"));

        assertEquals(Shell.OK, shell.execute("upload upload-me.txt"));
        assertEquals(Set.of("alpha.txt", "also.bin", "behind-its-back.txt", "newUpload-me.txt", "photos/"), complete("get "));
        assertEquals(Shell.OK, shell.execute("delete alpha.txt"));
        assertFalse(complete("get ").contains("alpha.txt"));
        assertEquals(Shell.OK, shell.execute("cd photos"));
        assertEquals(Set.of("2026/", "beach.jpg"), complete("get "), "after cd, the new folder's entries");
    }
}
