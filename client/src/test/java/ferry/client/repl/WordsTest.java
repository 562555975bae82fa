package ferry.client.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How -c's text becomes command lines, and those lines words. */
class WordsTest {
    @Test
    void semicolonsSeparateCommandsExceptInsideQuotes() {
        List<String> lines = Words.commands("get \"a;b.txt\"; upload 'x; y' z;ls");
        assertEquals(List.of("get \"a;b.txt\"", " upload 'x; y' z", "ls"), lines);
        assertEquals(List.of("get", "a;b.txt"), Words.split(lines.get(0)));
        assertEquals(List.of("upload", "x; y", "z"), Words.split(lines.get(1)));
    }

    @Test
    void emptyCommandsAreKeptForTheShellToSkip() {
        assertEquals(List.of("ls", " ", ""), Words.commands("ls; ;"));
    }

    @Test
    void unbalancedQuoteIsRefused() {
        assertEquals("unbalanced \" quote", assertThrows(IllegalArgumentException.class, () -> Words.commands("get \"a;b")).getMessage());
    }
}
