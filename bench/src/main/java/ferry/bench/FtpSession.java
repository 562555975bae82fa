package ferry.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal RFC 959 client for the load generator: USER/PASS, TYPE I, passive data connections (EPSV, falling back
 * to PASV), RETR into a discarding direct buffer, STOR from a file with {@code FileChannel.transferTo} (sendfile),
 * QUIT. One code path for every FTP server measured, so differences are the servers'. Not thread-safe.
 */
final class FtpSession implements Session {
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");
    private static final Pattern PASV = Pattern.compile("(\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)");
    private static final int BUFFER = 1 << 20;

    private record Reply(int code, String text) {
        boolean is(int first) { return code / 100 == first; }
    }

    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final Duration timeout;
    private boolean epsv = true;
    private ByteBuffer buffer;

    private FtpSession(Socket control, String host, Duration timeout) throws IOException {
        this.control = control;
        this.in = new BufferedInputStream(control.getInputStream(), 1024);
        this.out = control.getOutputStream();
        this.host = host;
        this.timeout = timeout;
    }

    static Factory factory(String host, int port, String user, String password, Duration timeout) {
        return () -> login(host, port, user, password, timeout);
    }

    static FtpSession login(String host, int port, String user, String password, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            FtpSession session = new FtpSession(socket, host, timeout);
            session.expect(session.reply(), 2, "greeting");
            Reply reply = session.command("USER " + user);
            if (reply.is(3)) reply = session.command("PASS " + password);
            session.expect(reply, 2, "login");
            session.expect(session.command("TYPE I"), 2, "TYPE I");
            return session;
        } catch (IOException | RuntimeException e) {
            Sockets.reset(socket);
            throw e;
        }
    }

    @Override
    public long download(String remote) throws IOException {
        if (buffer == null) buffer = ByteBuffer.allocateDirect(BUFFER);
        long total = 0;
        try (SocketChannel data = openData(); Watchdog.Armed guard = Watchdog.guard(data, transferTimeout())) {
            Reply reply = command("RETR " + remote);
            expect(reply, 1, "RETR " + remote);
            int n;
            while ((n = data.read(buffer.clear())) >= 0) total += n;
        }
        expect(reply(), 2, "RETR " + remote + " end");
        return total;
    }

    @Override
    public long upload(Path local, String remote) throws IOException {
        long sent = 0;
        try (FileChannel file = FileChannel.open(local, StandardOpenOption.READ);
             SocketChannel data = openData(); Watchdog.Armed guard = Watchdog.guard(data, transferTimeout())) {
            expect(command("STOR " + remote), 1, "STOR " + remote);
            long size = file.size();
            while (sent < size) sent += file.transferTo(sent, size - sent, data);
        }
        expect(reply(), 2, "STOR " + remote + " end");
        return sent;
    }

    @Override
    public void quit() {
        try (control) {
            command("QUIT");
        } catch (IOException e) {
            // Leaving anyway.
        }
    }

    @Override
    public void close() {
        Sockets.reset(control);
    }

    /** A data connection to the server's passive port (RFC 2428 EPSV; RFC 959 PASV if EPSV is refused). */
    private SocketChannel openData() throws IOException {
        int port;
        Reply reply = epsv ? command("EPSV") : null;
        if (reply != null && reply.code() == 229) {
            Matcher m = EPSV.matcher(reply.text());
            if (!m.find()) throw new IOException("bad EPSV reply: " + reply);
            port = Integer.parseInt(m.group(1));
        } else {
            epsv = false;
            reply = command("PASV");
            Matcher m = PASV.matcher(reply.text());
            if (reply.code() != 227 || !m.find()) throw new IOException("bad PASV reply: " + reply);
            port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        }
        SocketChannel data = SocketChannel.open();
        try (Watchdog.Armed guard = Watchdog.guard(data, timeout)) {
            data.connect(new InetSocketAddress(host, port));
            return data;
        } catch (IOException e) {
            data.close();
            throw e;
        }
    }

    private Duration transferTimeout() {
        return timeout.multipliedBy(20);
    }

    private Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** One reply, multi-line ones included (RFC 959 4.2: "123-" ... "123 "). */
    private Reply reply() throws IOException {
        String first = line();
        if (first.length() < 3) throw new IOException("bad reply line: " + first);
        StringBuilder text = new StringBuilder(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            for (int i = 0; i < 1000; i++) {
                String next = line();
                text.append('\n').append(next);
                if (next.startsWith(end)) break;
            }
        }
        try {
            return new Reply(Integer.parseInt(first.substring(0, 3)), text.toString());
        } catch (NumberFormatException e) {
            throw new IOException("bad reply line: " + first);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) throw new IOException("connection closed by the server");
            if (line.size() > 8192) throw new IOException("reply line too long");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void expect(Reply reply, int first, String what) throws IOException {
        if (!reply.is(first)) throw new IOException(what + ": " + reply.code() + " " + reply.text());
    }
}
