package ferry.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads frames from a stream, checking every length and field against {@link Wire}'s limits before it trusts it.
 * A stream that ends inside a frame fails with {@link EOFException}; bytes that are not a valid frame fail with
 * {@link ProtocolException} and an exact message. Not thread-safe: one reader per connection, used by one thread.
 */
public final class FrameReader {
    private final DataInputStream in;
    /** Grows to the largest frame seen (at most MAX_PAYLOAD): chunks and requests stay around 1 KiB. */
    private byte[] payload = new byte[256];
    /** The type byte of a frame that {@link #readChunk} read ahead and left for {@link #read()}; -1 if none. */
    private int typeReadAhead = -1;

    private final ElasticInputStream buffer;

    public FrameReader(InputStream in) {
        this.buffer = new ElasticInputStream(in);
        this.in = new DataInputStream(buffer);
    }

    /** True if the next read would wait for the peer: everything that arrived so far has been read. */
    public boolean caughtUp() {
        return buffer.buffered() == 0;
    }

    /** Reads the next frame, blocking until it has arrived whole. */
    public Frame read() throws IOException {
        int type = nextType();
        int length = lengthOf(type);
        if (payload.length < length) payload = new byte[Math.min(Wire.MAX_PAYLOAD, Integer.highestOneBit(length) * 2)];
        in.readFully(payload, 0, length);
        ByteBuffer buffer = ByteBuffer.wrap(payload, 0, length);
        try {
            Frame frame = decode(type, buffer);
            if (buffer.hasRemaining()) {
                throw new ProtocolException("frame 0x%02x has %d trailing bytes".formatted(type, buffer.remaining()));
            }
            return frame;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("frame 0x%02x is too short (%d bytes)".formatted(type, length));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("frame 0x%02x is invalid: %s".formatted(type, e.getMessage()));
        }
    }

    /**
     * If the next frame is a CHUNK, reads its content into {@code into} from {@code offset} (which must leave room
     * for {@link Wire#MAX_CHUNK} bytes) and returns its length, without allocating; a file's content is so read
     * straight into the receiver's block. Any other frame is left for {@link #read()}, and the result is -1. The
     * chunk is checked as {@link #read()} checks it.
     */
    public int readChunk(byte[] into, int offset) throws IOException {
        int type = nextType();
        if (type != Wire.CHUNK) {
            typeReadAhead = type;
            return -1;
        }
        int length = lengthOf(type);
        if (length == 0) throw new ProtocolException("frame 0x%02x is invalid: chunk of 0 bytes".formatted(type));
        in.readFully(into, offset, length);
        return length;
    }

    private int nextType() throws IOException {
        int type = typeReadAhead >= 0 ? typeReadAhead : in.read();
        typeReadAhead = -1;
        if (type < 0) throw new EOFException("connection closed");
        return type;
    }

    /** The frame's length field, checked against the type's limit. */
    private int lengthOf(int type) throws IOException {
        int length = in.readUnsignedShort();
        int limit = type == Wire.CHUNK ? Wire.MAX_CHUNK : Wire.MAX_PAYLOAD;
        if (length > limit) {
            throw new ProtocolException("frame 0x%02x of %d bytes exceeds the limit of %d".formatted(type, length, limit));
        }
        return length;
    }

    private static Frame decode(int type, ByteBuffer p) throws ProtocolException {
        return switch (type) {
            case Wire.HELLO -> {
                byte[] magic = new byte[Wire.MAGIC.length];
                p.get(magic);
                if (!Arrays.equals(magic, Wire.MAGIC)) throw new ProtocolException("not a Ferry client (bad magic)");
                yield new Frame.Hello(u16(p));
            }
            case Wire.WELCOME -> new Frame.Welcome(u16(p), string(p));
            case Wire.LOGIN -> new Frame.Login(string(p), string(p));
            case Wire.GET -> new Frame.Get(string(p), p.getLong(), bool(p));
            case Wire.UPLOAD -> new Frame.Upload(string(p), p.getLong(), bool(p), bool(p), bool(p));
            case Wire.LIST -> new Frame.List(string(p));
            case Wire.QUIT -> new Frame.Quit();
            case Wire.CD -> new Frame.Cd(string(p));
            case Wire.PWD -> new Frame.Pwd();
            case Wire.DELETE -> new Frame.Delete(string(p));
            case Wire.RENAME -> new Frame.Rename(string(p), string(p));
            case Wire.MKDIR -> new Frame.Mkdir(string(p));
            case Wire.RMDIR -> new Frame.Rmdir(string(p), bool(p));
            case Wire.STAT -> new Frame.Stat(string(p));
            case Wire.CHUNK -> {
                byte[] bytes = new byte[p.remaining()];
                p.get(bytes);
                yield new Frame.Chunk(bytes);
            }
            case Wire.END -> new Frame.End(p.getLong(), p.getInt());
            case Wire.REPLY -> new Frame.Reply(Status.of(u16(p)), string(p));
            case Wire.READY -> new Frame.Ready(p.getLong(), Encoding.of(Byte.toUnsignedInt(p.get())));
            case Wire.ENTRY -> new Frame.Entry(string(p), bool(p), p.getLong(), p.getLong());
            case Wire.BYE -> new Frame.Bye(string(p));
            case Wire.ACCEPT -> new Frame.Accept(p.getLong(), Encoding.of(Byte.toUnsignedInt(p.get())));
            case Wire.INFO -> new Frame.Info(string(p), bool(p), p.getLong(), p.getLong(), p.getInt(), string(p));
            default -> throw new ProtocolException("unknown frame type 0x%02x".formatted(type));
        };
    }

    private static int u16(ByteBuffer p) {
        return Short.toUnsignedInt(p.getShort());
    }

    private static boolean bool(ByteBuffer p) throws ProtocolException {
        byte b = p.get();
        if (b != 0 && b != 1) throw new ProtocolException("boolean field is " + b + ", not 0 or 1");
        return b == 1;
    }

    private static String string(ByteBuffer p) throws ProtocolException {
        int length = u16(p);
        if (length > Wire.MAX_STRING) throw new ProtocolException("string of " + length + " bytes exceeds " + Wire.MAX_STRING);
        if (length > p.remaining()) throw new BufferUnderflowException();
        ByteBuffer bytes = p.slice(p.position(), length);
        p.position(p.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("string is not valid UTF-8");
        }
    }
}
