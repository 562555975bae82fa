package ferry.server.command;

import ferry.protocol.Checksums;
import ferry.protocol.Frame;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.server.storage.Download;
import ferry.server.storage.Entry;
import ferry.server.storage.Storage;
import java.io.IOException;
import java.util.List;

/** LIST and STAT: what is in a folder, and what one file is. Thread-safe. */
public final class Listing {
    private final Storage storage;

    public Listing(Storage storage) {
        this.storage = storage;
    }

    /** LIST: one ENTRY per item of the folder (the current one if {@code input} is empty), then a REPLY. */
    public void send(Workspace ws, String input, FrameWriter out) throws IOException {
        List<Entry> entries;
        try {
            entries = storage.list(input.isEmpty() ? ws.current() : ws.resolve(input));
        } catch (IOException e) {
            out.write(Failures.reply(e, ws));
            return;
        }
        for (Entry entry : entries) {
            out.write(new Frame.Entry(entry.name(), entry.directory(), entry.size(), entry.modified().toEpochMilli()));
        }
        out.write(new Frame.Reply(Status.OK, entries.size() + (entries.size() == 1 ? " entry" : " entries")));
    }

    /** STAT: an INFO with the size, time and, for a file, CRC32C and SHA-256 of its content; or an error REPLY. */
    public void stat(Workspace ws, String input, FrameWriter out) throws IOException {
        Frame frame;
        try {
            frame = info(ws.resolve(input), ws);
        } catch (IOException e) {
            frame = Failures.reply(e, ws);
        }
        out.write(frame);
    }

    private Frame.Info info(String path, Workspace ws) throws IOException {
        Entry entry = storage.stat(path);
        String name = ws.display(path);
        if (entry.directory()) {
            return new Frame.Info(name, true, 0, entry.modified().toEpochMilli(), 0, "");
        }
        try (Download download = storage.openRead(path)) {
            Checksums sums = Checksums.of(download.content());
            return new Frame.Info(name, false, sums.size(), entry.modified().toEpochMilli(), sums.crc32c(), sums.sha256());
        }
    }
}
