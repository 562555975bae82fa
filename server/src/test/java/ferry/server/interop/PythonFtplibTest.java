package ferry.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.server.Server;
import ferry.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Python's ftplib, from the python3 on the machine, runs a whole session against the FTP port. */
@Timeout(120)
class PythonFtplibTest {
    private static final String SCRIPT = """
            import ftplib, io, sys
            port = int(sys.argv[1])
            f = ftplib.FTP()
            f.connect('127.0.0.1', port, timeout=20)
            f.encoding = 'utf-8'
            f.login('demo', 'demo')
            assert f.pwd() == '/', f.pwd()
            f.mkd('docs'); f.cwd('docs'); assert f.pwd() == '/docs', f.pwd()
            data = open('blob.bin', 'rb').read()
            f.storbinary('STOR blob.bin', io.BytesIO(data))
            assert f.size('blob.bin') == len(data)
            got = io.BytesIO(); f.retrbinary('RETR blob.bin', got.write); assert got.getvalue() == data
            tail = io.BytesIO(); f.retrbinary('RETR blob.bin', tail.write, rest=1000); assert tail.getvalue() == data[1000:]
            f.storlines('STOR notes.txt', io.BytesIO(b'one\\ntwo\\n'))
            lines = []; f.retrlines('RETR notes.txt', lines.append); assert lines == ['one', 'two'], lines
            f.storbinary('STOR données-日本.txt', io.BytesIO(b'utf8'))
            facts = dict(f.mlsd())
            assert facts['blob.bin']['type'] == 'file' and facts['blob.bin']['size'] == str(len(data)), facts
            assert 'données-日本.txt' in f.nlst(), f.nlst()
            f.rename('blob.bin', '/moved.bin'); f.cwd('..')
            listing = []; f.retrlines('LIST', listing.append); assert any(l.endswith(' moved.bin') for l in listing), listing
            f.delete('moved.bin')
            try:
                f.retrbinary('RETR missing.bin', print); sys.exit('RETR of a missing file succeeded')
            except ftplib.error_perm as e:
                assert str(e).startswith('550'), e
            f.quit()
            print('ok')
            """;

    @TempDir
    Path dir;

    private Server server;

    @BeforeEach
    void start() throws Exception {
        Tools.require("python3");
        server = Tools.server(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void aWholeSessionOfUploadsDownloadsListingsAndRenamesWorks() throws Exception {
        byte[] blob = TestServer.random(400_000, 5);
        Files.write(dir.resolve("blob.bin"), blob);
        Files.writeString(dir.resolve("session.py"), SCRIPT);
        Tools.Run run = Tools.run(dir, "python3", "session.py", String.valueOf(server.ftpPort()));
        Tools.assertOk(run);
        assertEquals("ok\n", run.out());
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("root/docs/notes.txt")), "ASCII mode stores LF line ends");
        assertEquals("utf8", Files.readString(dir.resolve("root/docs/données-日本.txt")));
        assertEquals(java.util.List.of("données-日本.txt", "notes.txt"), listing(dir.resolve("root/docs")), "blob.bin was moved up, then deleted");
        assertEquals(java.util.List.of("docs"), listing(dir.resolve("root")));
    }

    private static java.util.List<String> listing(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
