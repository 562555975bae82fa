package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.server.auth.User;
import ferry.server.command.Workspace;
import ferry.server.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FTP paths to workspace paths and back, on a real workspace in a temporary folder. */
class FtpPathsTest {
    @TempDir
    Path root;
    private Workspace ws;

    @BeforeEach
    void inSubfolder() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Storage storage = Storage.of(root, Set.of());
        ws = Workspace.open(new User("u"), storage);
        ws.cd("~/a/b", storage);
    }

    @Test
    void relativePathsStartAtTheCurrentFolder() {
        assertEquals("~/a/b/f.txt", FtpPaths.home(ws, "f.txt"));
        assertEquals("~/a/b/c/f.txt", FtpPaths.home(ws, "c/./f.txt"));
        assertEquals("~/a/f.txt", FtpPaths.home(ws, "../f.txt"));
    }

    @Test
    void absolutePathsStartAtTheHome() {
        assertEquals("~", FtpPaths.home(ws, "/"));
        assertEquals("~/x", FtpPaths.home(ws, "//x/"));
    }

    @Test
    void dotDotStopsAtTheHome() {
        assertEquals("~", FtpPaths.home(ws, "../../../.."));
        assertEquals("~/etc/passwd", FtpPaths.home(ws, "/../../etc/passwd"));
    }

    @Test
    void resolvedPathsStayConfined() throws IOException {
        assertEquals(FtpPaths.path(ws, "/a/b/f"), FtpPaths.path(ws, "f"));
        assertThrows(IOException.class, () -> FtpPaths.path(ws, "bad\0name"));
    }

    @Test
    void workspacePathsShowAsFtpPaths() {
        assertEquals("/", FtpPaths.ftp("~"));
        assertEquals("/a/b", FtpPaths.ftp("~/a/b"));
        assertEquals("cannot delete /a: not found", FtpPaths.ftpPaths("cannot delete ~/a: not found"));
        assertEquals("is the home: /", FtpPaths.ftpPaths("is the home: ~"));
    }

    @Test
    void quotesInsideAQuotedPathAreDoubled() {
        assertEquals("\"/say \"\"hi\"\"\"", FtpPaths.quote("/say \"hi\""));
    }

    @Test
    void lsOptionsBeforeAListingPathAreDropped() {
        assertEquals("dir", FtpPaths.withoutOptions("-la dir"));
        assertEquals("dir x", FtpPaths.withoutOptions("-l -a  dir x"));
        assertEquals("", FtpPaths.withoutOptions("-la"));
        assertEquals("", FtpPaths.withoutOptions(""));
    }
}
