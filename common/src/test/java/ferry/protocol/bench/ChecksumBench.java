package ferry.protocol.bench;

import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Wire;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * What each candidate checksum costs a framed transfer: 1 KiB CHUNK frames over a loopback socket, the sender and the
 * receiver each updating the checksum with every chunk, as {@code Chunks} does. A benchmark, not a test: it prints.
 *
 * <pre>
 * ./mvnw -q -pl common test-compile
 * java -cp common/target/classes:common/target/test-classes ferry.protocol.bench.ChecksumBench [MEGABYTES]
 * </pre>
 */
public final class ChecksumBench {
    private interface Hash {
        void update(byte[] bytes, int offset, int length);
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        run("none", () -> (b, o, l) -> {}, megabytes); // warm-up
        run("none", () -> (b, o, l) -> {}, megabytes);
        run("CRC32C", () -> checksum(new CRC32C()), megabytes);
        run("CRC32", () -> checksum(new CRC32()), megabytes);
        run("Adler32", () -> checksum(new Adler32()), megabytes);
        run("MD5", () -> digest("MD5"), megabytes);
        run("SHA-1", () -> digest("SHA-1"), megabytes);
        run("SHA-256", () -> digest("SHA-256"), megabytes);
    }

    private static Hash checksum(Checksum checksum) {
        return checksum::update;
    }

    private static Hash digest(String algorithm) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return digest::update;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String name, Supplier<Hash> hashes, long megabytes) throws Exception {
        long chunks = megabytes * 1024 * 1024 / Wire.MAX_CHUNK;
        byte[] chunk = new byte[Wire.MAX_CHUNK];
        new Random(1).nextBytes(chunk);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket out = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket in = server.accept()) {
            long start = System.nanoTime();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(out, chunk, chunks, hashes.get()));
            FrameReader reader = new FrameReader(in.getInputStream());
            Hash hash = hashes.get();
            while (reader.read() instanceof Frame.Chunk(byte[] bytes)) {
                hash.update(bytes, 0, bytes.length);
            }
            sender.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-8s %8.0f MB/s%n", name, megabytes / seconds);
        }
    }

    private static void send(Socket socket, byte[] chunk, long chunks, Hash hash) {
        try {
            FrameWriter writer = new FrameWriter(socket.getOutputStream());
            for (long i = 0; i < chunks; i++) {
                hash.update(chunk, 0, chunk.length);
                writer.writeChunk(chunk, 0, chunk.length);
            }
            writer.write(new Frame.End(chunks * chunk.length, 0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
