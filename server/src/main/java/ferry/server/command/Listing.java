package ferry.server.command;

import ferry.protocol.Frame;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.server.storage.Entry;
import ferry.server.storage.Storage;
import java.io.IOException;
import java.util.List;

/** LIST: one ENTRY per item of the folder, then a REPLY; or one error REPLY. Thread-safe. */
public final class Listing {
    private final Storage storage;

    public Listing(Storage storage) {
        this.storage = storage;
    }

    public void send(String path, FrameWriter out) throws IOException {
        List<Entry> entries;
        try {
            entries = storage.list(path);
        } catch (IOException e) {
            out.write(Failures.reply(e));
            return;
        }
        for (Entry entry : entries) {
            out.write(new Frame.Entry(entry.name(), entry.directory(), entry.size(), entry.modified().toEpochMilli()));
        }
        out.write(new Frame.Reply(Status.OK, entries.size() + (entries.size() == 1 ? " entry" : " entries")));
    }
}
