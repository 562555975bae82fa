package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FtpInfoCommandsTest {
    @TempDir
    Path dir;
    private FtpTestServer server;
    private FTPClient ftp;

    @BeforeEach
    void logIn() throws Exception {
        server = FtpTestServer.start(dir);
        ftp = server.login("demo", "demo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void systSaysUnix() throws Exception {
        assertEquals("UNIX Type: L8", ftp.getSystemType());
        assertEquals(215, ftp.getReplyCode());
    }

    @Test
    void featListsExactlyTheImplementedFeatures() throws Exception {
        assertTrue(ftp.features());
        assertEquals(211, ftp.getReplyCode());
        String[] lines = ftp.getReplyStrings();
        assertTrue(lines[0].startsWith("211-") && lines[lines.length - 1].startsWith("211 "), String.join("\n", lines));
        List<String> features = Arrays.stream(lines, 1, lines.length - 1).map(String::strip).toList();
        assertEquals(Features.LIST, features);
        for (String feature : features) {
            String word = feature.split(" ")[0];
            if (word.equals("TVFS") || word.equals("UTF8")) continue; // properties, not commands
            Optional<Verb> verb = Verb.of(word);
            assertTrue(verb.isPresent(), "FEAT announces " + word + " but no such command is implemented");
        }
    }

    @Test
    void optsUtf8OnIsAccepted() throws Exception {
        assertEquals(200, ftp.sendCommand("OPTS", "UTF8 ON"));
        assertEquals(501, ftp.sendCommand("OPTS", "NO-SUCH-OPTION"));
    }

    @Test
    void helpAndSiteHelpAnswer214() throws Exception {
        assertEquals(214, ftp.sendCommand("HELP"));
        assertTrue(ftp.getReplyString().contains("RETR"), ftp.getReplyString());
        assertTrue(ftp.sendSiteCommand("HELP"));
        assertEquals(214, ftp.getReplyCode());
    }

    @Test
    void noopAnswers200() throws Exception {
        assertEquals(200, ftp.sendCommand("NOOP"));
    }

    @Test
    void statAnswersAMultiLine211() throws Exception {
        assertEquals(211, ftp.sendCommand("STAT"));
        String[] lines = ftp.getReplyStrings();
        assertTrue(lines.length >= 3, String.join("\n", lines));
        assertTrue(lines[0].startsWith("211-") && lines[lines.length - 1].startsWith("211 "), String.join("\n", lines));
        assertTrue(ftp.getReplyString().contains("demo"), ftp.getReplyString());
    }

    @Test
    void acctAndAlloAnswer202() throws Exception {
        assertEquals(202, ftp.sendCommand("ACCT", "none"));
        assertEquals(202, ftp.sendCommand("ALLO", "1000"));
    }

    @Test
    void onlyStreamModeAndFileStructureAreAccepted() throws Exception {
        assertEquals(200, ftp.sendCommand("MODE", "S"));
        assertEquals(504, ftp.sendCommand("MODE", "B"));
        assertEquals(200, ftp.sendCommand("STRU", "F"));
        assertEquals(504, ftp.sendCommand("STRU", "R"));
    }

    @Test
    void typeAcceptsAsciiAndImageButNotEbcdic() throws Exception {
        assertEquals(200, ftp.sendCommand("TYPE", "A"));
        assertEquals(200, ftp.sendCommand("TYPE", "I"));
        assertEquals(504, ftp.sendCommand("TYPE", "E"));
        assertEquals(211, ftp.sendCommand("STAT"));
        assertTrue(ftp.getReplyString().contains("BINARY"), "a refused TYPE keeps the type: " + ftp.getReplyString());
    }
}
