package ferry.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;
import ferry.protocol.Text;

/**
 * The security events, apart from the transfer log: one line per event, {@code time event address user detail},
 * appended to a file (or dropped, for {@link #NONE}). Failed logins, lock-outs and refused paths are written
 * here. Values from the network have their control characters replaced, so a line can't be forged. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    /** Writes nothing. */
    public static final AuditLog NONE = new AuditLog(null);

    private final Writer out;
    private final ReentrantLock writing = new ReentrantLock();

    private AuditLog(Writer out) {
        this.out = out;
    }

    /** Appends to {@code file}, creating it (owner-only) if needed. */
    public static AuditLog open(Path file) throws IOException {
        return new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /** One event: {@code login-failed}, {@code lockout}, {@code refused-path}, ... */
    public void record(String event, String address, String user, String detail) {
        if (out == null) return;
        String line = "%s %s address=%s user=%s %s%n".formatted(TIME.format(Instant.now()), event, address,
                user == null || user.isEmpty() ? "-" : Text.printable(Text.cut(user, 64)), Text.printable(Text.cut(detail, 300)));
        writing.lock();
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log", e);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }
}
