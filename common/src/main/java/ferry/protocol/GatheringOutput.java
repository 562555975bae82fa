package ferry.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An output that also takes byte buffers in one gathering write (a socket channel's {@code writev}), so that file
 * content read into a direct buffer reaches the kernel without being copied into a stream first. An
 * {@link java.io.OutputStream} passed to {@link FrameWriter} that implements this gets its chunks this way.
 */
public interface GatheringOutput {
    /** Writes every remaining byte of {@code buffers[offset, offset+length)}, in order, blocking until done. */
    void writeFully(ByteBuffer[] buffers, int offset, int length) throws IOException;
}
