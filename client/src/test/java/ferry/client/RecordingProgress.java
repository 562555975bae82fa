package ferry.client;

import ferry.client.transfer.Progress;
import java.util.ArrayList;
import java.util.List;

/** A {@link Progress} that writes down every call, for tests to check what a transfer reported. */
final class RecordingProgress implements Progress {
    final List<String> calls = new ArrayList<>();
    final List<Long> advances = new ArrayList<>();

    @Override
    public void started(String name, long offset, long total) {
        calls.add("started " + name + " " + offset + " " + total);
    }

    @Override
    public void advanced(long bytesSoFar) {
        advances.add(bytesSoFar);
    }

    @Override
    public void finished() {
        calls.add("finished");
    }

    /** True if the advances never go back and end at {@code total}. */
    boolean advancedSteadilyTo(long total) {
        for (int i = 1; i < advances.size(); i++) {
            if (advances.get(i) < advances.get(i - 1)) return false;
        }
        return !advances.isEmpty() && advances.getLast() == total;
    }
}
