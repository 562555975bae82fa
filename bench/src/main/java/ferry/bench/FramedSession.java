package ferry.bench;

import ferry.protocol.Chunks;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A framed-protocol session built on Ferry's own codec ({@code ferry.protocol}: FrameReader, FrameWriter, Chunks),
 * exactly the calls {@code ferry.client.transfer.Connection} makes, except that a download goes to a counting sink
 * instead of a temporary file: Connection.get can only write to a file. CRC32C and sizes are still verified.
 */
final class FramedSession implements Session {
    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;

    private FramedSession(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new FrameReader(socket.getInputStream());
        this.writer = new FrameWriter(socket.getOutputStream());
    }

    static Factory factory(String host, int port, String user, String password, Duration timeout) {
        return () -> login(host, port, user, password, timeout);
    }

    static FramedSession login(String host, int port, String user, String password, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            FramedSession session = new FramedSession(socket);
            session.writer.write(new Frame.Hello(Wire.VERSION));
            if (!(session.reader.read() instanceof Frame.Welcome)) throw new IOException("no WELCOME");
            session.writer.write(new Frame.Login(user, password));
            session.expectOk("LOGIN");
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public long download(String remote) throws IOException {
        writer.write(new Frame.Get(remote, 0, false));
        return receive(remote);
    }

    /** Pipelined: keeps up to {@link #WINDOW} GETs ahead of the answers, which the server sends in order. */
    @Override
    public long[] downloadAll(java.util.List<String> remotes) throws IOException {
        long[] sizes = new long[remotes.size()];
        int sent = 0;
        for (int i = 0; i < sizes.length; i++) {
            while (sent < sizes.length && sent < i + WINDOW) writer.write(new Frame.Get(remotes.get(sent++), 0, false));
            sizes[i] = receive(remotes.get(i));
        }
        return sizes;
    }

    private long receive(String remote) throws IOException {
        Frame answer = reader.read();
        if (!(answer instanceof Frame.Ready(long size, var encoding)) || encoding != ferry.protocol.Encoding.NONE) {
            throw new IOException("GET " + remote + ": " + answer);
        }
        Chunks.Received received = Chunks.receive(reader, OutputStream.nullOutputStream(), size);
        if (!received.verified() || received.size() != size) throw new IOException("GET " + remote + ": not verified: " + received);
        return size;
    }

    private static final int WINDOW = 16;

    @Override
    public long upload(Path local, String remote) throws IOException {
        long size = Files.size(local);
        try (InputStream in = Files.newInputStream(local)) {
            writer.write(new Frame.Upload(remote, size, true, false, false));
            if (!(reader.read() instanceof Frame.Accept accept) || accept.offset() != 0) throw new IOException("UPLOAD " + remote + ": not accepted");
            Frame.End sent = Chunks.send(in, size, writer);
            expectOk("END");
            return sent.size();
        }
    }

    @Override
    public void quit() {
        try (socket) {
            writer.write(new Frame.Quit());
            reader.read();
        } catch (IOException e) {
            // Leaving anyway.
        }
    }

    @Override
    public void close() {
        Sockets.reset(socket);
    }

    private void expectOk(String what) throws IOException {
        Frame answer = reader.read();
        if (!(answer instanceof Frame.Reply reply) || !reply.status().isOk()) throw new IOException(what + ": " + answer);
    }
}
