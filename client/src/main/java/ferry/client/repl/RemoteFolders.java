package ferry.client.repl;

import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import ferry.protocol.Frame;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Listings of remote folders for Tab completion, each fetched once and kept until {@link #forget()}: the shell calls
 * it after every command that may change the server's side or the remote folder (upload, delete, rename, mkdir,
 * rmdir, cd, …). Used by the REPL's one thread.
 */
final class RemoteFolders {
    private final Connection connection;
    private final Map<String, List<Frame.Entry>> listings = new HashMap<>();

    RemoteFolders(Connection connection) {
        this.connection = connection;
    }

    /** The entries of {@code folder} as typed ("" for the remote folder, "photos/"), or none if it can't be listed. */
    List<Frame.Entry> entries(String folder) {
        List<Frame.Entry> entries = listings.get(folder);
        if (entries != null) return entries;
        try {
            entries = connection.list(folder);
        } catch (TransferException | IllegalArgumentException e) {
            entries = List.of(); // no such folder, or not a valid path: nothing to offer
        } catch (IOException e) {
            return List.of(); // the connection is gone; the next command says so
        }
        listings.put(folder, entries);
        return entries;
    }

    void forget() {
        listings.clear();
    }
}
