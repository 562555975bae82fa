package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients hammer one file with downloads, uploads, renames and deletes for a bounded number of rounds. Every
 * downloaded copy must be one complete uploaded version, every failure one of the policy's answers, and another
 * client must be served throughout.
 */
@Timeout(120)
class HammerTest {
    private static final int CLIENTS = 8;
    private static final int ROUNDS = 40;
    private static final int VERSIONS = 6;

    @TempDir
    Path dir;

    private final Map<String, Integer> versionBySha = new ConcurrentHashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();

    @Test
    void mixedOperationsOnOneFileNeverMixVersionsNorHang() throws Exception {
        List<Path> versions = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            byte[] content = TestServer.random(20_000 + v * 37_000, v); // 20 KB to 205 KB, every size different
            versions.add(Files.write(dir.resolve("v" + v), content));
            versionBySha.put(sha(content), v);
        }
        try (var server = TestServer.start(dir, "demo:demo\n", Duration.ofSeconds(5), Duration.ofMillis(500));
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Files.copy(versions.getFirst(), server.root.resolve("hot.bin"));
            byte[] bystander = TestServer.random(50_000, 99);
            Files.write(server.root.resolve("other.bin"), bystander);
            AtomicBoolean hammering = new AtomicBoolean(true);
            Future<Integer> observer = threads.submit(() -> observe(server, bystander, hammering));

            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(threads.submit(() -> hammer(server, client, versions)));
            }
            for (Future<?> client : clients) client.get(90, TimeUnit.SECONDS);
            hammering.set(false);
            assertTrue(observer.get(30, TimeUnit.SECONDS) > 0, "the bystander was served while the file was hammered");

            assertTrue(downloads.get() > 0, "some downloads got through");
            try (Stream<Path> files = Files.walk(server.root)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".ferry-upload-")).toList(),
                        "no upload left a temporary file");
            }
            Path hot = server.root.resolve("hot.bin");
            if (Files.exists(hot)) assertTrue(versionBySha.containsKey(sha(Files.readAllBytes(hot))), "the file is one whole version");
        }
    }

    private Void hammer(TestServer server, int client, List<Path> versions) throws Exception {
        try (Connection connection = server.connect()) {
            for (int round = 0; round < ROUNDS; round++) {
                try {
                    switch ((client + round) % 4) {
                        case 0, 2 -> download(connection, client, round);
                        case 1 -> connection.upload(versions.get((client + round) % VERSIONS), "hot.bin", true);
                        case 3 -> {
                            if (round % 8 == 3) connection.delete("hot.bin");
                            else renameAway(connection, client);
                        }
                        default -> throw new IllegalStateException();
                    }
                } catch (TransferException e) {
                    String why = e.getMessage();
                    assertTrue(why.startsWith("no such file") || why.contains("in use by another client")
                            || why.endsWith("already exists"), () -> "unexpected failure: " + why);
                }
            }
        }
        return null;
    }

    private void download(Connection connection, int client, int round) throws Exception {
        Path copy = dir.resolve("copy-" + client + "-" + round);
        connection.get("hot.bin", copy, false);
        assertTrue(versionBySha.containsKey(sha(Files.readAllBytes(copy))), "downloaded a mix of versions");
        downloads.incrementAndGet();
    }

    /** Renames the file away and back, as a user tidying up would. */
    private static void renameAway(Connection connection, int client) throws Exception {
        String aside = "aside-" + client + ".bin";
        connection.rename("hot.bin", aside);
        try {
            connection.rename(aside, "hot.bin");
        } catch (TransferException e) {
            connection.delete(aside); // someone uploaded hot.bin meanwhile; ours is the older version
        }
    }

    private static int observe(TestServer server, byte[] expected, AtomicBoolean hammering) throws Exception {
        int served = 0;
        try (Connection connection = server.connect()) {
            for (int i = 0; i < 10_000 && (hammering.get() || served == 0); i++) {
                Path copy = Files.createTempFile("bystander", ".bin");
                connection.get("other.bin", copy, true);
                assertArrayEquals(expected, Files.readAllBytes(copy));
                Files.delete(copy);
                served++;
            }
        }
        return served;
    }

    private static String sha(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
