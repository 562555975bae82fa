package ferry.server.ftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** TYPE A line ends (RFC 959 3.1.1.1): files keep LF, the network carries CRLF. */
enum Ascii {
    /** RETR: each LF not already after a CR goes out as CRLF. */
    TO_NETWORK {
        @Override
        OutputStream wrap(OutputStream out) {
            return new FilterOutputStream(out) {
                private int previous = -1;

                @Override
                public void write(int b) throws IOException {
                    if (b == '\n' && previous != '\r') out.write('\r');
                    out.write(b);
                    previous = b;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    for (int i = offset; i < offset + length; i++) write(bytes[i] & 255);
                }
            };
        }
    },
    /** STOR: each CRLF comes in as LF; a CR not followed by LF stays. Flush only at the end. */
    FROM_NETWORK {
        @Override
        OutputStream wrap(OutputStream out) {
            return new FilterOutputStream(out) {
                private boolean pendingCr;

                @Override
                public void write(int b) throws IOException {
                    if (pendingCr && b != '\n') out.write('\r');
                    pendingCr = b == '\r';
                    if (!pendingCr) out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    for (int i = offset; i < offset + length; i++) write(bytes[i] & 255);
                }

                @Override
                public void flush() throws IOException {
                    if (pendingCr) out.write('\r');
                    pendingCr = false;
                    out.flush();
                }
            };
        }
    };

    abstract OutputStream wrap(OutputStream out);
}
