package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** A frame that exists can go on the wire: each record refuses, at construction, what the wire cannot carry. */
@Timeout(10)
class FrameValidationTest {
    private static final String AT_LIMIT = "a".repeat(Wire.MAX_STRING);
    private static final String OVER_LIMIT = "a".repeat(Wire.MAX_STRING + 1);

    @Test
    void negativeSizesAreRefused() {
        assertAll(
                () -> assertRefused("negative size -1", () -> new Frame.Upload("f", -1, false)),
                () -> assertRefused("negative size -1", () -> new Frame.End(-1, 0)),
                () -> assertRefused("negative size " + Long.MIN_VALUE, () -> new Frame.Ready(Long.MIN_VALUE)),
                () -> assertRefused("negative size -1", () -> new Frame.Entry("f", false, -1, 0)),
                () -> assertRefused("negative size -1", () -> new Frame.Info("f", false, -1, 0, 0, "")));
    }

    @Test
    void sizesFromZeroToTheLargestLongAreAccepted() {
        assertDoesNotThrow(() -> new Frame.Upload("f", 0, false));
        assertDoesNotThrow(() -> new Frame.Ready(Long.MAX_VALUE));
        assertDoesNotThrow(() -> new Frame.Entry("f", true, 0, Long.MIN_VALUE)); // any modified time
    }

    @Test
    void stringsLongerThanMaxStringBytesAreRefusedNamingTheField() {
        assertAll(
                () -> assertRefused("user longer than 4096 bytes", () -> new Frame.Login(OVER_LIMIT, "p")),
                () -> assertRefused("password longer than 4096 bytes", () -> new Frame.Login("u", OVER_LIMIT)),
                () -> assertRefused("path longer than 4096 bytes", () -> new Frame.Get(OVER_LIMIT)),
                () -> assertRefused("to longer than 4096 bytes", () -> new Frame.Rename("a", OVER_LIMIT)),
                () -> assertRefused("message longer than 4096 bytes", () -> new Frame.Reply(Status.OK, OVER_LIMIT)),
                () -> assertRefused("sha256 longer than 4096 bytes",
                        () -> new Frame.Info("f", false, 0, 0, 0, OVER_LIMIT)));
    }

    @Test
    void stringLimitCountsUtf8BytesNotCharacters() {
        String euros = "€".repeat(1_366); // 1366 chars, 4098 bytes of UTF-8
        assertRefused("path longer than 4096 bytes", () -> new Frame.Get(euros));
        assertDoesNotThrow(() -> new Frame.Get(AT_LIMIT));
        assertDoesNotThrow(() -> new Frame.Get("😀".repeat(Wire.MAX_STRING / 4)));
    }

    @Test
    void nullFieldsAreRefusedNamingTheField() {
        assertAll(
                () -> assertNull("user", () -> new Frame.Login(null, "p")),
                () -> assertNull("password", () -> new Frame.Login("u", null)),
                () -> assertNull("server", () -> new Frame.Welcome(1, null)),
                () -> assertNull("from", () -> new Frame.Rename(null, "b")),
                () -> assertNull("status", () -> new Frame.Reply(null, "m")),
                () -> assertNull("message", () -> new Frame.Reply(Status.OK, null)),
                () -> assertNull("name", () -> new Frame.Entry(null, false, 0, 0)),
                () -> assertNull("reason", () -> new Frame.Bye(null)));
        assertThrows(NullPointerException.class, () -> new Frame.Chunk(null));
    }

    @Test
    void versionsOutsideU16AreRefused() {
        assertRefused("version out of range: -1", () -> new Frame.Hello(-1));
        assertRefused("version out of range: 65536", () -> new Frame.Hello(0x10000));
        assertRefused("version out of range: 65536", () -> new Frame.Welcome(0x10000, "ferry"));
        assertDoesNotThrow(() -> new Frame.Hello(0));
        assertDoesNotThrow(() -> new Frame.Welcome(0xFFFF, "ferry"));
    }

    @Test
    void chunksOfZeroOrMoreThanMaxChunkBytesAreRefused() {
        assertRefused("chunk of 0 bytes", () -> new Frame.Chunk(new byte[0]));
        assertRefused("chunk of 1025 bytes", () -> new Frame.Chunk(new byte[Wire.MAX_CHUNK + 1]));
        assertDoesNotThrow(() -> new Frame.Chunk(new byte[Wire.MAX_CHUNK]));
    }

    /**
     * A Java string may hold a lone surrogate, which UTF-8 cannot encode: {@code getBytes} sends '?' instead, so
     * GET "a\uD800" would fetch "a?", another file. The record should refuse it like any value the wire cannot carry.
     */
    @Test
    void stringsWithALoneSurrogateAreRefusedRatherThanSentAsQuestionMarks() {
        assertThrows(IllegalArgumentException.class, () -> new Frame.Get("a\uD800"));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Login("alice", "pw\uDC00"));
    }

    @Test
    void loginNeverShowsItsPassword() {
        Frame.Login login = new Frame.Login("alice", "s3cret-Pa55");
        assertEquals("Login[user=alice]", login.toString());
        assertFalse(List.of(login).toString().contains("s3cret"), "nor inside a collection");
        assertFalse("%s".formatted(login).contains("s3cret"), "nor in a formatted log line");
    }

    @Test
    void chunkShowsItsSizeNotItsContent() {
        assertEquals("Chunk[3 bytes]", new Frame.Chunk(new byte[] {'a', 'b', 'c'}).toString());
    }

    private static void assertRefused(String message, Executable construction) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, construction).getMessage());
    }

    private static void assertNull(String field, Executable construction) {
        assertEquals(field, assertThrows(NullPointerException.class, construction).getMessage());
    }
}
