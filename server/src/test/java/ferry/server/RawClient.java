package ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Chunks;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A client that speaks frames by hand, for what a well-behaved client never does. Every read gives up after 5 s,
 * so a server that hangs fails the test instead of stalling it. Not thread-safe.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final FrameReader in;
    private final FrameWriter out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new FrameReader(socket.getInputStream());
        this.out = new FrameWriter(socket.getOutputStream());
    }

    public static RawClient connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            return new RawClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public void send(Frame frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** Bytes that need not be a frame at all. */
    public void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public Frame read() throws IOException {
        return in.read();
    }

    public <T extends Frame> T read(Class<T> type) throws IOException {
        return assertInstanceOf(type, in.read());
    }

    /** What the server answers an UPLOAD it accepts from the start, uncompressed. */
    public static final Frame.Accept ACCEPTED = new Frame.Accept(0, ferry.protocol.Encoding.NONE);

    /** Sends {@code request} and reads whatever frame comes back. */
    public Frame ask(Frame request) throws IOException {
        send(request);
        return read();
    }

    public Frame.Reply request(Frame request) throws IOException {
        send(request);
        return read(Frame.Reply.class);
    }

    public void hello() throws IOException {
        send(new Frame.Hello(Wire.VERSION));
        read(Frame.Welcome.class);
    }

    public void login(String user, String password) throws IOException {
        assertEquals(Status.OK, request(new Frame.Login(user, password)).status());
    }

    /** GET whose answer must be READY, chunks and a verified END; returns the content. */
    public byte[] get(String path) throws IOException {
        send(new Frame.Get(path));
        long size = read(Frame.Ready.class).size();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Chunks.Received received = Chunks.receive(in, content, size);
        assertTrue(received.verified(), "END matches the bytes received");
        assertEquals(size, received.size());
        return content.toByteArray();
    }

    /** A whole UPLOAD that the server accepted: OK, chunks, END; returns the final reply. */
    public Frame.Reply upload(String path, byte[] content, boolean overwrite) throws IOException {
        assertEquals(ACCEPTED, ask(new Frame.Upload(path, content.length, overwrite)));
        Chunks.send(new ByteArrayInputStream(content), content.length, out);
        return read(Frame.Reply.class);
    }

    /** Passes if the server has closed the connection (end of stream or a reset), fails if it stays open. */
    public void assertClosedByServer() throws IOException {
        try {
            Frame frame = in.read();
            throw new AssertionError("expected the connection to be closed, got " + frame);
        } catch (EOFException | SocketException closed) {
            // closed, as expected
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        }
    }

    /** The frame reader, for a test that receives chunks itself (a resumed or compressed GET). */
    public FrameReader reader() {
        return in;
    }

    /** The frame writer, for a test that sends chunks itself; flush after END is automatic. */
    public FrameWriter writer() {
        return out;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
