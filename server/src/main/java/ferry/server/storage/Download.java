package ferry.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** A file opened for reading: its content and the size it had when opened. The caller closes it. */
public record Download(InputStream content, long size) implements Closeable {
    @Override
    public void close() throws IOException {
        content.close();
    }
}
