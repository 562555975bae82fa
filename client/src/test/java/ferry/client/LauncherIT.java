package ferry.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo, for real: ./ftpserver and ./ftpclient as processes, driven through their standard input. */
@Timeout(120)
class LauncherIT {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Process server;
    private Path serverLog;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoClientsRunTheSeedDemoThenConsoleShutdownExitsZero() throws Exception {
        int port = startServer();
        Path client1 = clientFolder("client1", "uploadTestFile1.jpg");
        Path client2 = clientFolder("client2", "uploadTestFile2.jpg");
        Process first = client(client1, port, "demo\ndemo\nget downloadTestFile1.jpg\nupload uploadTestFile1.jpg\nexit\n");
        Process second = client(client2, port, "demo\ndemo\nget downloadTestFile2.jpg\nupload uploadTestFile2.jpg\nexit\n");
        assertExit(0, first);
        assertExit(0, second);
        SeedDemoTest.assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile1.jpg"), client1.resolve("newDownloadTestFile1.jpg"));
        SeedDemoTest.assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile2.jpg"), client2.resolve("newDownloadTestFile2.jpg"));
        SeedDemoTest.assertSameContent(TestServer.TESTFILES.resolve("uploadTestFile1.jpg"), dir.resolve("root/newUploadTestFile1.jpg"));
        SeedDemoTest.assertSameContent(TestServer.TESTFILES.resolve("uploadTestFile2.jpg"), dir.resolve("root/newUploadTestFile2.jpg"));

        try (OutputStream console = server.getOutputStream()) {
            console.write("status\nshutdown\n".getBytes(UTF_8));
        }
        assertExit(0, server);
    }

    @Test
    void serverKeepsRunningWhenItsInputEndsAndStopsCleanlyOnSigterm() throws Exception {
        int port = startServer();
        server.getOutputStream().close(); // as when started in the background or under CI
        Path client = clientFolder("client", "uploadTestFile1.jpg");
        assertExit(0, client(client, port, "demo\ndemo\nlist\n"));
        server.destroy(); // SIGTERM takes the same path as 'shutdown'
        assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        awaitLog(Pattern.compile("INFO Server - stopped"));
    }

    @Test
    void atLogLevelWarnTheServerLogsProblemsOnly() throws Exception {
        Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("users.txt"), "demo:demo\n"); // a plain-text password: one WARN at start
        serverLog = dir.resolve("server.log");
        int port = 0;
        for (int attempt = 0; attempt < 3 && port == 0; attempt++) { // a free port, chosen here: the log will not say it
            int candidate;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                candidate = probe.getLocalPort();
            }
            server = new ProcessBuilder(TestServer.REPO.resolve("ftpserver").toString(), "--root", "root", "--users",
                    "users.txt", "--log-level", "warn", String.valueOf(candidate))
                    .directory(dir.toFile())
                    .redirectError(serverLog.toFile())
                    .start();
            awaitLogOrExit(Pattern.compile("WARN UsersFile - .* holds plain-text passwords"));
            if (server.isAlive()) port = candidate; // else another program took the port meanwhile: try another
        }
        String startLog = Files.readString(serverLog);
        assertTrue(port != 0, () -> "the server never started; it logged:\n" + startLog);
        assertExit(0, client(clientFolder("client", "uploadTestFile1.jpg"), port, "demo\ndemo\nlist\n"));
        try (OutputStream console = server.getOutputStream()) {
            console.write("shutdown\n".getBytes(UTF_8));
        }
        assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, server.exitValue());
        List<String> logged = Files.readAllLines(serverLog, UTF_8);
        assertTrue(logged.stream().noneMatch(line -> line.contains(" INFO ")), () -> "INFO lines at warn: " + logged);
    }

    @Test
    void failedCommandInPipedSessionExitsOne() throws Exception {
        int port = startServer();
        assertExit(1, client(dir, port, "demo\ndemo\nget nothere.jpg\nexit\n"));
    }

    @Test
    void portOutOfRangeOrInUseIsOneLineAndExitTwo() throws Exception {
        Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        Files.createDirectories(dir.resolve("testfiles"));
        Process outOfRange = launcher("ftpserver", dir, "70000");
        assertExit(2, outOfRange);
        assertEquals(List.of("ftpserver: port 70000 is out of range 0-65535"), lines(outOfRange));

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process inUse = launcher("ftpserver", dir, "--bind", "127.0.0.1", String.valueOf(taken.getLocalPort()));
            assertExit(2, inUse);
            List<String> error = lines(inUse);
            assertEquals(1, error.size(), error::toString);
            assertTrue(error.getFirst().contains("already in use"), error::toString);
        }
    }

    private int startServer() throws Exception {
        serverLog = dir.resolve("server.log");
        Path root = Files.createDirectories(dir.resolve("root"));
        TestServer.copyTestFile("downloadTestFile1.jpg", root);
        TestServer.copyTestFile("downloadTestFile2.jpg", root);
        Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        server = new ProcessBuilder(TestServer.REPO.resolve("ftpserver").toString(), "--root", "root", "--users", "users.txt", "0")
                .directory(dir.toFile())
                .redirectError(serverLog.toFile())
                .start();
        return Integer.parseInt(awaitLog(LISTENING).group(1));
    }

    /** Polls the server's log until a line matches or the server has exited. */
    private void awaitLogOrExit(Pattern pattern) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            if (Files.readAllLines(serverLog, UTF_8).stream().anyMatch(line -> pattern.matcher(line).find())) return;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Polls the server's log file until a line matches; a file, as a pipe's reader may fail when the process exits. */
    private Matcher awaitLog(Pattern pattern) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(serverLog, UTF_8)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) return matcher;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("server never logged " + pattern + "; it logged:\n" + Files.readString(serverLog));
    }

    private Process client(Path folder, int port, String stdin) throws IOException {
        Process client = launcher("ftpclient", folder, String.valueOf(port));
        try (OutputStream in = client.getOutputStream()) {
            in.write(stdin.getBytes(UTF_8));
        }
        return client;
    }

    private Path clientFolder(String name, String upload) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        TestServer.copyTestFile(upload, folder);
        return folder;
    }

    private static Process launcher(String name, Path workingDir, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(TestServer.REPO.resolve(name).toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDir.toFile()).start();
    }

    private static List<String> lines(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), UTF_8).lines().toList();
    }

    private static void assertExit(int expected, Process process) throws Exception {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after 60 s");
        assertEquals(expected, process.exitValue(), () -> "exit code; stderr: " + stderrOf(process));
    }

    private static String stderrOf(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
