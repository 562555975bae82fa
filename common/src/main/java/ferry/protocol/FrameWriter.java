package ferry.protocol;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames to a stream in {@link Wire}'s layout. Frames are buffered; every frame but {@link Frame.Chunk} and
 * {@link Frame.Entry} is flushed at once, so a peer waiting for an answer gets it. Not thread-safe: one writer per
 * connection; a caller that shares it between threads must hold its own lock around each write.
 */
public final class FrameWriter {
    private final DataOutputStream out;
    /** Small, as nearly every frame is; a frame that does not fit gets a full-size buffer for that once. */
    private static final int SMALL_PAYLOAD = 512;
    private ByteBuffer payload = ByteBuffer.allocate(SMALL_PAYLOAD);

    public FrameWriter(OutputStream out) {
        this.out = new DataOutputStream(new ElasticOutputStream(out));
    }

    public void write(Frame frame) throws IOException {
        if (frame instanceof Frame.Chunk(byte[] bytes)) {
            writeChunk(bytes, 0, bytes.length);
            return;
        }
        int type = encodeToPayload(frame);
        out.writeByte(type);
        out.writeShort(payload.position());
        out.write(payload.array(), 0, payload.position());
        if (!(frame instanceof Frame.Entry)) flush();
    }

    /** Writes one CHUNK frame of {@code bytes[offset, offset+length)} without copying them into a record first. */
    public void writeChunk(byte[] bytes, int offset, int length) throws IOException {
        if (length <= 0 || length > Wire.MAX_CHUNK) throw new IllegalArgumentException("chunk of " + length + " bytes");
        out.writeByte(Wire.CHUNK);
        out.writeShort(length);
        out.write(bytes, offset, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Encodes into {@link #payload}, retrying once in a MAX_PAYLOAD buffer if the small one overflows. */
    private int encodeToPayload(Frame frame) {
        if (payload.capacity() > SMALL_PAYLOAD) payload = ByteBuffer.allocate(SMALL_PAYLOAD); // the last frame was large
        payload.clear();
        try {
            return encode(frame, payload);
        } catch (java.nio.BufferOverflowException small) {
            payload = ByteBuffer.allocate(Wire.MAX_PAYLOAD);
            return encode(frame, payload); // overflows again only for a frame over the limit, as before
        }
    }

    private static int encode(Frame frame, ByteBuffer p) {
        return switch (frame) {
            case Frame.Hello(int version) -> {
                p.put(Wire.MAGIC).putShort((short) version);
                yield Wire.HELLO;
            }
            case Frame.Welcome(int version, String server) -> {
                p.putShort((short) version);
                string(p, server);
                yield Wire.WELCOME;
            }
            case Frame.Login(String user, String password) -> {
                string(p, user);
                string(p, password);
                yield Wire.LOGIN;
            }
            case Frame.Get(String path, long offset, boolean compress) -> {
                string(p, path);
                p.putLong(offset).put(bool(compress));
                yield Wire.GET;
            }
            case Frame.Upload(String path, long size, boolean overwrite, boolean resume, boolean compress) -> {
                string(p, path);
                p.putLong(size).put(bool(overwrite)).put(bool(resume)).put(bool(compress));
                yield Wire.UPLOAD;
            }
            case Frame.List(String path) -> {
                string(p, path);
                yield Wire.LIST;
            }
            case Frame.Quit() -> Wire.QUIT;
            case Frame.Cd(String path) -> {
                string(p, path);
                yield Wire.CD;
            }
            case Frame.Pwd() -> Wire.PWD;
            case Frame.Delete(String path) -> {
                string(p, path);
                yield Wire.DELETE;
            }
            case Frame.Rename(String from, String to) -> {
                string(p, from);
                string(p, to);
                yield Wire.RENAME;
            }
            case Frame.Mkdir(String path) -> {
                string(p, path);
                yield Wire.MKDIR;
            }
            case Frame.Rmdir(String path, boolean recursive) -> {
                string(p, path);
                p.put((byte) (recursive ? 1 : 0));
                yield Wire.RMDIR;
            }
            case Frame.Stat(String path) -> {
                string(p, path);
                yield Wire.STAT;
            }
            case Frame.Chunk chunk -> throw new IllegalStateException("chunks are written by writeChunk");
            case Frame.End(long size, int crc32c) -> {
                p.putLong(size).putInt(crc32c);
                yield Wire.END;
            }
            case Frame.Reply(Status status, String message) -> {
                p.putShort((short) status.code());
                string(p, message);
                yield Wire.REPLY;
            }
            case Frame.Ready(long size, Encoding encoding) -> {
                p.putLong(size).put((byte) encoding.number());
                yield Wire.READY;
            }
            case Frame.Accept(long offset, Encoding encoding) -> {
                p.putLong(offset).put((byte) encoding.number());
                yield Wire.ACCEPT;
            }
            case Frame.Entry(String name, boolean directory, long size, long modifiedMillis) -> {
                string(p, name);
                p.put((byte) (directory ? 1 : 0)).putLong(size).putLong(modifiedMillis);
                yield Wire.ENTRY;
            }
            case Frame.Bye(String reason) -> {
                string(p, reason);
                yield Wire.BYE;
            }
            case Frame.Info(String name, boolean directory, long size, long modifiedMillis, int crc32c, String sha256) -> {
                string(p, name);
                p.put((byte) (directory ? 1 : 0)).putLong(size).putLong(modifiedMillis).putInt(crc32c);
                string(p, sha256);
                yield Wire.INFO;
            }
        };
    }

    private static byte bool(boolean value) {
        return (byte) (value ? 1 : 0);
    }

    private static void string(ByteBuffer p, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        p.putShort((short) bytes.length).put(bytes);
    }
}
