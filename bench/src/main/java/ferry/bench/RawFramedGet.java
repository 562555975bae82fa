package ferry.bench;

import ferry.protocol.Frame;
import ferry.protocol.FrameWriter;
import ferry.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.zip.CRC32C;

/**
 * The client check for the framed port: a download read straight off a {@link SocketChannel} into one direct
 * buffer, walking the frame headers in place (type, u16 length) and updating CRC32C over the CHUNK payloads,
 * without allocating a {@code Chunk} per frame as {@code FrameReader} does. It shows how fast the server sends,
 * apart from the client library's own cost. Requests are encoded by Ferry's {@link FrameWriter}.
 */
final class RawFramedGet {
    private static final int WELCOME = 0x02, CHUNK = 0x20, END = 0x21, REPLY = 0x30, READY = 0x31;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final SocketChannel channel;

    private RawFramedGet(SocketChannel channel) {
        this.channel = channel;
        buffer.flip(); // empty, ready to read from
    }

    /** Logs in, downloads {@code remote} and returns its size once the size and CRC32C match END's. */
    static long download(String host, int port, String user, String password, String remote, Duration timeout) throws IOException {
        try (SocketChannel channel = SocketChannel.open(); Watchdog.Armed guard = Watchdog.guard(channel, timeout.multipliedBy(20))) {
            channel.connect(new InetSocketAddress(host, port));
            channel.socket().setTcpNoDelay(true);
            RawFramedGet get = new RawFramedGet(channel);
            get.send(new Frame.Hello(Wire.VERSION));
            get.expect(WELCOME);
            get.send(new Frame.Login(user, password));
            get.expectOk(get.expect(REPLY));
            get.send(new Frame.Get(remote));
            long size = get.expect(READY).getLong();
            return get.chunks(size);
        }
    }

    private long chunks(long size) throws IOException {
        CRC32C crc = new CRC32C();
        long received = 0;
        while (true) {
            fill(3);
            int type = buffer.get() & 0xff, length = buffer.getShort() & 0xffff;
            if (type == END) {
                ByteBuffer end = payload(length);
                long announced = end.getLong();
                int checksum = end.getInt();
                if (announced != received || received != size || checksum != (int) crc.getValue()) {
                    throw new IOException("END does not match: " + received + " bytes of " + size + ", announced " + announced);
                }
                return received;
            }
            if (type != CHUNK) throw new IOException("expected CHUNK, got frame type " + type);
            ByteBuffer bytes = payload(length);
            crc.update(bytes);
            received += length;
        }
    }

    /** The next frame's payload, which must be of {@code type}. */
    private ByteBuffer expect(int type) throws IOException {
        fill(3);
        int actual = buffer.get() & 0xff, length = buffer.getShort() & 0xffff;
        ByteBuffer payload = payload(length);
        if (actual != type) throw new IOException("expected frame type " + type + ", got " + actual);
        return payload;
    }

    private void expectOk(ByteBuffer reply) throws IOException {
        int status = reply.getShort() & 0xffff;
        if (status != 200) throw new IOException("REPLY " + status);
    }

    /** A view of the next {@code length} bytes (valid until the next read), consumed from the buffer. */
    private ByteBuffer payload(int length) throws IOException {
        fill(length);
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return slice;
    }

    /** Reads until at least {@code n} unread bytes are buffered. */
    private void fill(int n) throws IOException {
        if (buffer.remaining() >= n) return;
        buffer.compact();
        while (buffer.position() < n) {
            if (channel.read(buffer) < 0) throw new IOException("connection closed by the server");
        }
        buffer.flip();
    }

    private void send(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes);
        writer.write(frame);
        writer.flush();
        ByteBuffer out = ByteBuffer.wrap(bytes.toByteArray());
        while (out.hasRemaining()) channel.write(out);
    }
}
