package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A control connection driven line by line, for what Commons Net hides: exact replies, the server closing the
 * connection, data connections made by hand. Every read gives up after 5 s. Not thread-safe.
 */
final class RawFtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private RawFtp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1 and reads the 220 greeting. */
    static RawFtp connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            RawFtp ftp = new RawFtp(socket);
            assertEquals(220, code(ftp.reply()));
            return ftp;
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command line and returns the whole reply. */
    String send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Sends {@code text} as it is, in one write: several command lines at once, or half of one. */
    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Closes the client's sending side: the server reads the end of the stream. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** The next reply; a multi-line one (RFC 959 4.2) with its lines joined by "\n". */
    String reply() throws IOException {
        String first = in.readLine();
        if (first == null) throw new SocketException("connection closed before a reply");
        StringBuilder text = new StringBuilder(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            for (int lines = 0; lines < 1000; lines++) {
                String line = in.readLine();
                if (line == null) throw new SocketException("connection closed inside a multi-line reply");
                text.append('\n').append(line);
                if (line.startsWith(end)) return text.toString();
            }
            throw new AssertionError("multi-line reply without an end: " + text);
        }
        return text.toString();
    }

    void login(String user, String password) throws IOException {
        assertEquals(331, code(send("USER " + user)));
        assertEquals(230, code(send("PASS " + password)));
    }

    /** The port of a "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)" reply. */
    static int pasvPort(String reply) {
        String[] numbers = reply.substring(reply.indexOf('(') + 1, reply.indexOf(')')).split(",");
        return Integer.parseInt(numbers[4].strip()) * 256 + Integer.parseInt(numbers[5].strip());
    }

    static int code(String reply) {
        return Integer.parseInt(reply.substring(0, 3));
    }

    /** Passes if the server has closed the connection (end of stream or a reset), fails if it stays open. */
    void assertClosedByServer() throws IOException {
        try {
            String line = in.readLine();
            if (line != null) throw new AssertionError("expected the connection to be closed, got " + line);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (SocketException closed) {
            // reset: closed, as expected
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
