package ferry.protocol;

/**
 * Constants of Ferry's framed protocol: frame type codes, limits and the version. The whole byte layout is drawn
 * here once; {@link FrameReader} and {@link FrameWriter} implement it, and {@code docs/PROTOCOL.md} explains it.
 *
 * <pre>
 * Every frame, in both directions (all integers big-endian):
 *
 *   0        1        2        3
 *   +--------+--------+--------+-------- ... --------+
 *   |  type  |  length (u16)   |  payload (length)   |
 *   +--------+--------+--------+-------- ... --------+
 *
 *   length &lt;= MAX_PAYLOAD (16384) for every frame and &lt;= MAX_CHUNK (1024) for CHUNK.
 *
 * Payload fields:
 *   str   u16 byte count, then that many bytes of UTF-8 (at most MAX_STRING bytes)
 *   u8    one byte; bool is a u8 that is 0 or 1
 *   u16, i32, i64   two, four, eight bytes
 *
 *   HELLO    0x01  c-&gt;s  bytes "FERY", u16 version
 *   WELCOME  0x02  s-&gt;c  u16 version, str server
 *   LOGIN    0x10  c-&gt;s  str user, str password
 *   GET      0x11  c-&gt;s  str path
 *   UPLOAD   0x12  c-&gt;s  str path, i64 size, bool overwrite
 *   LIST     0x13  c-&gt;s  str path
 *   QUIT     0x14  c-&gt;s  (empty)
 *   CHUNK    0x20  both  1..1024 bytes of file content
 *   END      0x21  both  i64 size, i32 crc32c          (follows the last CHUNK)
 *   REPLY    0x30  s-&gt;c  u16 status, str message
 *   READY    0x31  s-&gt;c  i64 size                      (a GET was accepted; CHUNKs follow)
 *   ENTRY    0x32  s-&gt;c  str name, bool directory, i64 size, i64 modified (ms since the epoch)
 *   BYE      0x33  s-&gt;c  str reason                    (the server closes the connection after it)
 * </pre>
 */
public final class Wire {
    /** The version this build speaks; HELLO carries it and the server refuses any other. */
    public static final int VERSION = 1;
    /** The four bytes that open HELLO, so that a stray client of another protocol is told apart at once. */
    public static final byte[] MAGIC = {'F', 'E', 'R', 'Y'};
    public static final int HEADER_BYTES = 3;
    public static final int MAX_PAYLOAD = 16384;
    public static final int MAX_CHUNK = 1024;
    public static final int MAX_STRING = 4096;

    static final int HELLO = 0x01;
    static final int WELCOME = 0x02;
    static final int LOGIN = 0x10;
    static final int GET = 0x11;
    static final int UPLOAD = 0x12;
    static final int LIST = 0x13;
    static final int QUIT = 0x14;
    static final int CHUNK = 0x20;
    static final int END = 0x21;
    static final int REPLY = 0x30;
    static final int READY = 0x31;
    static final int ENTRY = 0x32;
    static final int BYE = 0x33;

    private Wire() {}
}
