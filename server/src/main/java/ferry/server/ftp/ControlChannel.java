package ferry.server.ftp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control connection's lines: commands in, replies out (RFC 959 4.2, multi-line replies included). Commands are
 * read as UTF-8 (RFC 2640), falling back to ISO-8859-1 for bytes that are not; Telnet IAC sequences are dropped;
 * lines longer than {@link #MAX_LINE} bytes are refused. Not thread-safe, apart from {@link #reply} which a
 * shutdown may call from another thread. {@link #use} switches it to TLS after AUTH TLS (RFC 4217 4).
 */
final class ControlChannel {
    static final int MAX_LINE = 4096;
    private static final int IAC = 255;

    /** A line longer than {@link #MAX_LINE}; its rest has been skipped. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("command line longer than " + MAX_LINE + " bytes");
        }
    }

    private volatile InputStream in;
    private volatile OutputStream out;
    private final byte[] line = new byte[MAX_LINE];
    private final ReentrantLock writing = new ReentrantLock();

    ControlChannel(Socket socket) throws IOException {
        use(socket);
    }

    /**
     * From now on reads lines from and writes replies to {@code socket}: after AUTH TLS, its TLS layer. The caller
     * makes sure no line is being read meanwhile.
     */
    void use(Socket socket) throws IOException {
        writing.lock();
        try {
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        } finally {
            writing.unlock();
        }
    }

    /** Bytes received but not read as lines yet: after AUTH TLS, bytes a client sent before it saw the reply. */
    int pending() throws IOException {
        return in.available();
    }

    /** Takes the bytes received but not yet read, such as a TLS handshake's first bytes after AUTH TLS. */
    byte[] takePending() throws IOException {
        return in.readNBytes(in.available());
    }

    /** The next command line without its line end, or null at the end of the stream. */
    String readLine() throws IOException {
        int length = 0;
        boolean tooLong = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (tooLong) throw new LineTooLongException(); // not its first 4,096 bytes as a command
                return length == 0 ? null : decode(length);
            }
            if (b == IAC) {
                in.read(); // a Telnet command such as IP or DM before ABOR (RFC 959 4.1.3): drop it
                continue;
            }
            if (b == '\n') break;
            if (length == MAX_LINE) tooLong = true;
            else line[length++] = (byte) b;
        }
        if (tooLong) throw new LineTooLongException();
        if (length > 0 && line[length - 1] == '\r') length--;
        return decode(length);
    }

    private String decode(int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** A one-line reply: {@code 250 text}. Line breaks in {@code text} are replaced, so a reply is never split. */
    void reply(int code, String text) throws IOException {
        send(code + " " + oneLine(text) + "\r\n");
    }

    void reply(FtpReply reply) throws IOException {
        reply(reply.code(), reply.text());
    }

    /** A multi-line reply (RFC 959 4.2): {@code 211-first}, the lines each indented by a space, {@code 211 last}. */
    void reply(int code, String first, List<String> lines, String last) throws IOException {
        StringBuilder text = new StringBuilder().append(code).append('-').append(oneLine(first)).append("\r\n");
        for (String line : lines) text.append(' ').append(oneLine(line)).append("\r\n");
        text.append(code).append(' ').append(oneLine(last)).append("\r\n");
        send(text.toString());
    }

    /** Writes whole replies under a lock, not synchronized: the write may block, and must not pin a carrier thread. */
    private void send(String text) throws IOException {
        writing.lock();
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            writing.unlock();
        }
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
