package ferry.protocol.bench;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Which codec the framed protocol's compression should use: ratio and compress/decompress speed of java.util.zip's
 * Deflater (levels 1 and 6) against zstd (zstd-jni, levels 1 and 3) on generated log text, a CSV table, this
 * repository's own sources, and the JPEGs in testfiles/. A benchmark, not a test: it prints, best of five runs.
 *
 * <pre>
 * ./mvnw -q -o -pl common test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp common/target/classes:common/target/test-classes:$(cat /tmp/cp.txt) ferry.protocol.bench.CompressionBench
 * </pre>
 */
public final class CompressionBench {
    private interface Codec {
        byte[] compress(byte[] input);

        byte[] decompress(byte[] compressed, int size);
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        byte[][] inputs = {log(32 << 20), csv(32 << 20), sources(repo), jpegs(repo)};
        String[] names = {"log text", "CSV", "repo sources", "JPEGs"};
        String[] codecs = {"deflate-1", "deflate-6", "zstd-1", "zstd-3"};
        System.out.printf(Locale.ROOT, "%-13s %-10s %9s %7s %12s %12s%n", "input", "codec", "MB", "ratio", "compress", "decompress");
        for (int i = 0; i < inputs.length; i++) {
            for (String codec : codecs) measure(names[i], codec, codec(codec), inputs[i]);
        }
    }

    private static void measure(String input, String name, Codec codec, byte[] bytes) {
        long bestCompress = Long.MAX_VALUE;
        long bestDecompress = Long.MAX_VALUE;
        byte[] compressed = null;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            compressed = codec.compress(bytes);
            bestCompress = Math.min(bestCompress, System.nanoTime() - start);
            start = System.nanoTime();
            byte[] back = codec.decompress(compressed, bytes.length);
            bestDecompress = Math.min(bestDecompress, System.nanoTime() - start);
            if (back.length != bytes.length) throw new AssertionError(name + " lost bytes");
        }
        System.out.printf(Locale.ROOT, "%-13s %-10s %9.1f %7.3f %7.0f MB/s %7.0f MB/s%n", input, name, bytes.length / 1e6,
                (double) compressed.length / bytes.length, bytes.length / 1e6 / (bestCompress / 1e9),
                bytes.length / 1e6 / (bestDecompress / 1e9));
    }

    private static Codec codec(String name) {
        int level = Integer.parseInt(name.substring(name.indexOf('-') + 1));
        if (name.startsWith("zstd")) {
            return new Codec() {
                public byte[] compress(byte[] input) {
                    return Zstd.compress(input, level);
                }

                public byte[] decompress(byte[] compressed, int size) {
                    return Zstd.decompress(compressed, size);
                }
            };
        }
        return new Codec() {
            public byte[] compress(byte[] input) {
                Deflater deflater = new Deflater(level);
                deflater.setInput(input);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2);
                byte[] buffer = new byte[64 * 1024];
                while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
                deflater.end();
                return out.toByteArray();
            }

            public byte[] decompress(byte[] compressed, int size) {
                Inflater inflater = new Inflater();
                inflater.setInput(compressed);
                byte[] out = new byte[size];
                try {
                    int n = 0;
                    while (!inflater.finished() && n < size) n += inflater.inflate(out, n, size - n);
                } catch (DataFormatException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inflater.end();
                }
                return out;
            }
        };
    }

    private static byte[] log(int size) {
        StringBuilder text = new StringBuilder(size + 200);
        Random random = new Random(1);
        String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};
        for (int i = 0; text.length() < size; i++) {
            text.append("2026-11-23T%02d:%02d:%02d.%03dZ %s ferry.server.command.Transfers - user=user%d get photos/2026/img-%05d.jpg %d bytes in %d ms%n"
                    .formatted(i / 3600 % 24, i / 60 % 60, i % 60, random.nextInt(1000), levels[random.nextInt(levels.length)],
                            random.nextInt(50), random.nextInt(100_000), random.nextInt(10 << 20), random.nextInt(5000)));
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] csv(int size) {
        StringBuilder text = new StringBuilder(size + 200).append("id,date,customer,amount,currency,status\n");
        Random random = new Random(2);
        for (int i = 0; text.length() < size; i++) {
            text.append("%d,2026-%02d-%02d,C%06d,%d.%02d,EUR,%s%n".formatted(i, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(1_000_000), random.nextInt(10_000), random.nextInt(100), random.nextBoolean() ? "paid" : "open"));
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sources(Path repo) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(repo)) {
            files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/")).sorted()
                    .forEach(f -> all.writeBytes(read(f)));
        }
        return all.toByteArray();
    }

    private static byte[] jpegs(Path repo) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(repo.resolve("testfiles"))) {
            files.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(f -> all.writeBytes(read(f)));
        }
        return all.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
