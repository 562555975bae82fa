package ferry.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.transfer.TransferException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The glob rules of mget/mput, and the check on names a server sends before they become local files. */
class GlobAndNamesTest {

    @Test
    void starQuestionMarkAndSetsMatchLikeAShell() {
        assertTrue(Glob.of("*.log").matches("app.log"));
        assertTrue(Glob.of("*.log").matches(".log"));
        assertFalse(Glob.of("*.log").matches("app.log.1"));
        assertTrue(Glob.of("img-0?.jpg").matches("img-07.jpg"));
        assertFalse(Glob.of("img-0?.jpg").matches("img-007.jpg"));
        assertTrue(Glob.of("day-[0-9].csv").matches("day-3.csv"));
        assertFalse(Glob.of("day-[0-9].csv").matches("day-x.csv"));
        assertTrue(Glob.of("[!a]*").matches("b.txt"));
        assertFalse(Glob.of("[!a]*").matches("a.txt"));
        assertTrue(Glob.of("a+b(1).txt").matches("a+b(1).txt"), "regex characters are literal");
        assertFalse(Glob.of("a.txt").matches("abtxt"));
        assertTrue(Glob.of("[").matches("["), "an unclosed bracket is literal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../x", "a\\b", "nul\0", "bell\u0007", "esc\u001b[2J", ".x.ferry-part"})
    void namesThatWouldLeaveTheLocalFolderForgeTheTerminalOrClashWithAPartialAreRefused(String name) {
        assertThrows(TransferException.class, () -> Names.localChild(Path.of("/tmp/x"), name));
    }

    @Test
    void anOrdinaryNameBecomesAChildOfTheFolder() throws TransferException {
        assertEquals(Path.of("/tmp/x/日記 1.txt"), Names.localChild(Path.of("/tmp/x"), "日記 1.txt"));
        assertEquals("photos", Names.trimmed("photos//"));
        assertEquals("/", Names.trimmed("/"));
    }
}
