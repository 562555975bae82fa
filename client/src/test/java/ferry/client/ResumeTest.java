package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.CuttingProxy.Direction;
import ferry.client.transfer.Connection;
import ferry.client.transfer.Options;
import ferry.client.transfer.Result;
import ferry.client.transfer.TransferException;
import ferry.protocol.Encoding;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import java.io.IOException;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Resume in both directions after a real connection cut (a proxy that drops it), and resumes that must fail. */
@Timeout(30)
class ResumeTest {
    private static final int SIZE = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void aDownloadCutMidwayIsResumedWithGetMinusCAndTheWholeFileVerified() throws Exception {
        byte[] content = TestServer.random(SIZE, 1);
        Path local = dir.resolve("big.bin");
        Path partial = dir.resolve(".big.bin.ferry-part");
        try (var server = TestServer.start(dir); var proxy = CuttingProxy.start(server.port(), Direction.TO_CLIENT, 700_000)) {
            Files.write(server.root.resolve("big.bin"), content);
            try (Connection cut = Connection.open("127.0.0.1", proxy.port(), Duration.ofSeconds(10))) {
                cut.login("demo", "demo");
                assertThrows(IOException.class, () -> cut.get("big.bin", local, Options.of(false)));
            }
            long kept = Files.size(partial);
            assertTrue(kept > 0 && kept < SIZE, "the partial keeps what arrived: " + kept);
            assertFalse(Files.exists(local), "nothing under the final name");

            RecordingProgress progress = new RecordingProgress();
            try (Connection again = server.connect()) {
                Result result = again.get("big.bin", local, new Options(false, true, false, progress));
                assertEquals(kept, result.resumedFrom());
                assertEquals(SIZE - kept, result.bytes(), "only the missing bytes came");
                assertTrue(result.rate().contains("whole file verified"), result.rate());
            }
            assertArrayEquals(content, Files.readAllBytes(local));
            assertFalse(Files.exists(partial));
            assertEquals(List.of("started big.bin " + kept + " " + SIZE, "finished"), progress.calls);
            assertTrue(progress.advancedSteadilyTo(SIZE), "advanced per chunk up to the whole size");
        }
    }

    @Test
    void aSecondDownloadIntoAPartialThatIsBeingWrittenIsRefusedAndTouchesNothing() throws Exception {
        Path partial = dir.resolve(".busy.bin.ferry-part");
        Files.write(partial, new byte[] {1, 2, 3});
        try (var server = TestServer.start(dir); Connection connection = server.connect();
             java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE);
             var lock = held.lock()) { // as another ftpclient downloading the same file holds it
            Files.write(server.root.resolve("busy.bin"), TestServer.random(1000, 3));
            TransferException busy = assertThrows(TransferException.class,
                    () -> connection.get("busy.bin", dir.resolve("busy.bin"), Options.of(true)));
            assertTrue(busy.getMessage().contains("another download is writing"), busy.getMessage());
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(partial), "the other download's bytes are untouched");
            assertFalse(Files.exists(dir.resolve("busy.bin")));
            assertEquals("~", connection.pwd(), "the connection goes on");
        }
    }

    @Test
    void anUploadCutMidwayIsResumedWithUploadMinusCAndTheWholeFileVerified() throws Exception {
        byte[] content = TestServer.random(SIZE, 2);
        Path local = Files.write(dir.resolve("up.bin"), content);
        try (var server = TestServer.start(dir); var proxy = CuttingProxy.start(server.port(), Direction.TO_SERVER, 700_000)) {
            try (Connection cut = Connection.open("127.0.0.1", proxy.port(), Duration.ofSeconds(10))) {
                cut.login("demo", "demo");
                assertThrows(IOException.class, () -> cut.upload(local, "up.bin", new Options(false, true, false, ferry.client.transfer.Progress.NONE)));
            }
            proxy.awaitCut();
            assertFalse(Files.exists(server.root.resolve("up.bin")), "nothing under the final name");

            RecordingProgress progress = new RecordingProgress();
            Result result;
            try (Connection again = server.connect()) {
                assertTrue(again.list("").isEmpty(), "the partial is never listed");
                // The server keeps the partial once the cut session has let go; the resume waits for its lock.
                result = again.upload(local, "up.bin", new Options(false, true, false, progress));
            }
            assertTrue(result.resumedFrom() > 0, "resumed, not started again");
            assertEquals(SIZE - result.resumedFrom(), result.bytes());
            assertArrayEquals(content, Files.readAllBytes(server.root.resolve("up.bin")));
            assertEquals(List.of(), hidden(server.root));
            assertEquals(List.of("started up.bin " + result.resumedFrom() + " " + SIZE, "finished"), progress.calls);
            assertTrue(progress.advancedSteadilyTo(SIZE));
        }
    }

    @Test
    void aResumedDownloadWhoseLocalPartialDoesNotMatchIsReportedAndNotKept() throws Exception {
        byte[] content = TestServer.random(100_000, 3);
        byte[] corrupted = java.util.Arrays.copyOf(content, 40_000);
        corrupted[123] ^= 0x40;
        Path partial = Files.write(dir.resolve(".copy.bin.ferry-part"), corrupted);
        try (var server = TestServer.start(dir); Connection connection = server.connect()) {
            Files.write(server.root.resolve("a.bin"), content);
            TransferException e = assertThrows(TransferException.class,
                    () -> connection.get("a.bin", dir.resolve("copy.bin"), new Options(false, true, false, ferry.client.transfer.Progress.NONE)));
            assertTrue(e.getMessage().contains("checksum mismatch after resuming at 40000 bytes: the local partial did not match"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("copy.bin")), "never under the final name");
            assertFalse(Files.exists(partial), "and not kept to resume again");

            connection.get("a.bin", dir.resolve("copy.bin"), new Options(false, true, false, ferry.client.transfer.Progress.NONE));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("copy.bin")), "the next try starts afresh");
        }
    }

    @Test
    void aResumedUploadWhoseServerPartialDoesNotMatchIsReportedAndNotStored() throws Exception {
        byte[] content = TestServer.random(SIZE, 4);
        Path local = Files.write(dir.resolve("up.bin"), content);
        try (var server = TestServer.start(dir); var proxy = CuttingProxy.start(server.port(), Direction.TO_SERVER, 500_000)) {
            try (Connection cut = Connection.open("127.0.0.1", proxy.port(), Duration.ofSeconds(10))) {
                cut.login("demo", "demo");
                assertThrows(IOException.class, () -> cut.upload(local, "up.bin", new Options(false, true, false, ferry.client.transfer.Progress.NONE)));
            }
            proxy.awaitCut();
            Path serverPartial = awaitOnePartial(server.root);
            Files.write(dir.resolve("other.bin"), TestServer.random(SIZE, 5)); // a different file of the same size
            try (Connection again = server.connect()) {
                TransferException e = assertThrows(TransferException.class,
                        () -> again.upload(dir.resolve("other.bin"), "up.bin", new Options(false, true, false, ferry.client.transfer.Progress.NONE)));
                assertTrue(e.getMessage().contains("did not match your file and was deleted"), e.getMessage());
            }
            assertFalse(Files.exists(server.root.resolve("up.bin")));
            assertFalse(Files.exists(serverPartial));
        }
    }

    @Test
    void aLocalPartialLongerThanTheRemoteFileIsReportedAndDeleted() throws Exception {
        Path partial = Files.write(dir.resolve(".copy.bin.ferry-part"), new byte[5_000]);
        try (var server = TestServer.start(dir); Connection connection = server.connect()) {
            Files.write(server.root.resolve("a.bin"), new byte[1_000]);
            TransferException e = assertThrows(TransferException.class,
                    () -> connection.get("a.bin", dir.resolve("copy.bin"), new Options(false, true, false, ferry.client.transfer.Progress.NONE)));
            assertEquals("~/a.bin: offset 5000 is beyond the end of the file (1000 bytes)", e.getMessage());
            assertFalse(Files.exists(partial));
        }
    }

    @Test
    void twoClientsResumingTheSameUploadAtOnceAreSerialisedTheSecondIsToldItIsBusy() throws Exception {
        try (var server = TestServer.start(dir, "demo:demo\n", Duration.ofSeconds(10), Duration.ofMillis(300));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            FrameWriter writer = new FrameWriter(socket.getOutputStream());
            FrameReader reader = new FrameReader(socket.getInputStream());
            writer.write(new Frame.Hello(Wire.VERSION));
            reader.read();
            writer.write(new Frame.Login("demo", "demo"));
            assertEquals(Status.OK, ((Frame.Reply) reader.read()).status());
            writer.write(new Frame.Upload("same.bin", 4_000, false, true, false));
            assertEquals(new Frame.Accept(0, Encoding.NONE), reader.read());
            writer.writeChunk(new byte[1_024], 0, 1_024); // under way, holding the name
            writer.flush();

            Path local = Files.write(dir.resolve("same.bin"), new byte[4_000]);
            try (Connection second = server.connect()) {
                TransferException busy = assertThrows(TransferException.class,
                        () -> second.upload(local, "same.bin", new Options(false, true, false, ferry.client.transfer.Progress.NONE)));
                assertTrue(busy.getMessage().contains("in use by another client"), busy.getMessage());
            }
            writer.writeChunk(new byte[1_024], 0, 1_024);
            writer.write(new Frame.End(2_048, 0)); // short and wrong: the first upload fails its check
            assertEquals(Status.CHECKSUM_MISMATCH, ((Frame.Reply) reader.read()).status());
            try (Connection third = server.connect()) {
                Result result = third.upload(local, "same.bin", new Options(false, true, false, ferry.client.transfer.Progress.NONE));
                assertEquals(0, result.resumedFrom(), "the mismatching partial was deleted, not continued");
            }
            assertArrayEquals(new byte[4_000], Files.readAllBytes(server.root.resolve("same.bin")));
        }
    }

    @Test
    void regetAndReputAreTheReplsResumeCommands() throws Exception {
        byte[] content = TestServer.random(50_000, 6);
        try (var server = TestServer.start(dir)) {
            Files.write(server.root.resolve("r.bin"), content);
            Files.write(dir.resolve(".r.bin.ferry-part"), java.util.Arrays.copyOf(content, 20_000));
            Files.write(dir.resolve("p.bin"), content);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var shell = server.shell(dir, out, err);
            assertEquals(0, shell.execute("reget r.bin r.bin"), err::toString);
            assertEquals(0, shell.execute("reput p.bin p.bin"), err::toString);
            assertTrue(out.toString().contains("(resumed at 20000 bytes, whole file verified)"), out.toString());
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("r.bin")));
            assertArrayEquals(content, Files.readAllBytes(server.root.resolve("p.bin")));
        }
    }

    private static Path awaitOnePartial(Path root) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> partials = hidden(root);
            if (partials.size() == 1 && Files.size(partials.getFirst()) > 0) return partials.getFirst();
            Thread.onSpinWait();
        }
        throw new AssertionError("no partial upload on the server");
    }

    private static List<Path> hidden(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".ferry-upload-")).toList();
        }
    }
}
