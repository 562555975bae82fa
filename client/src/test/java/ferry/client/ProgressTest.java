package ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.command.Context;
import ferry.client.repl.LineInput;
import ferry.client.repl.Shell;
import ferry.client.transfer.Connection;
import ferry.client.transfer.Options;
import ferry.client.transfer.TransferException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Transfers tell the {@link ferry.client.transfer.Progress} hook where they are: start, advances as bytes move, the end. */
@Timeout(20)
class ProgressTest {
    @TempDir
    Path dir;

    @Test
    void aDownloadAndAnUploadReportStartAdvancesAndFinish() throws Exception {
        try (var server = TestServer.start(dir); Connection connection = server.connect()) {
            Files.write(server.root.resolve("a.bin"), TestServer.random(5_000, 1));
            RecordingProgress down = new RecordingProgress();
            connection.get("a.bin", dir.resolve("a.bin"), new Options(false, false, false, down));
            assertEquals(List.of("started a.bin 0 5000", "finished"), down.calls);
            assertTrue(down.advancedSteadilyTo(5_000), down.advances::toString); // as the bytes arrive, not per chunk

            RecordingProgress up = new RecordingProgress();
            connection.upload(dir.resolve("a.bin"), "b.bin", new Options(false, false, true, up));
            assertEquals(List.of("started b.bin 0 5000", "finished"), up.calls);
            assertTrue(up.advancedSteadilyTo(5_000), up.advances::toString);
        }
    }

    @Test
    void aRefusedTransferNeverStartsAProgressBar() throws Exception {
        try (var server = TestServer.start(dir); Connection connection = server.connect()) {
            RecordingProgress progress = new RecordingProgress();
            assertThrows(TransferException.class,
                    () -> connection.get("missing", dir.resolve("m"), new Options(false, false, false, progress)));
            assertEquals(List.of(), progress.calls);
        }
    }

    @Test
    void replCommandsPassTheContextsProgressToEveryFileOfAnMget() throws Exception {
        try (var server = TestServer.start(dir)) {
            Files.writeString(server.root.resolve("x1.txt"), "one");
            Files.writeString(server.root.resolve("x2.txt"), "two");
            Context context = new Context(server.connect(), Files.createDirectories(dir.resolve("local")));
            RecordingProgress progress = new RecordingProgress();
            context.useProgress(progress);
            StringWriter err = new StringWriter();
            Shell shell = new Shell(context, LineInput.of(new StringReader("")), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));
            assertEquals(0, shell.execute("mget x*.txt"), err::toString);
            assertEquals(List.of("started x1.txt 0 3", "finished", "started x2.txt 0 3", "finished"), progress.calls);
        }
    }
}
