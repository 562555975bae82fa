package ferry.server.ftp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ThreadLocalRandom;

/** The ports passive data connections listen on: any free port, or a range (--passive-ports LO-HI) for firewalls. */
record PassivePorts(int low, int high) {
    static final PassivePorts ANY = new PassivePorts(0, 0);

    PassivePorts {
        if (low < 0 || high > 65535 || low > high || (low == 0) != (high == 0)) {
            throw new IllegalArgumentException("passive ports must be LO-HI within 1-65535, not " + low + "-" + high);
        }
    }

    /** Parses "LO-HI". */
    static PassivePorts parse(String range) {
        String[] parts = range.split("-", -1);
        if (parts.length != 2) throw new IllegalArgumentException("passive ports must be LO-HI, e.g. 50000-50100");
        try {
            return new PassivePorts(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("passive ports must be LO-HI, e.g. 50000-50100");
        }
    }

    /**
     * Without a range, ports are tried at random in the IANA dynamic range, this many times, before the kernel is
     * asked for any free one. The kernel's own search (bind to port 0) skips every port that a TIME_WAIT connection
     * still holds, and each passive transfer leaves one: measured here, 8,000 RETRs of small files in a row made
     * that search take most of the server's CPU and cut the rate from ~2,500 to ~600 files/s. A bind to a chosen
     * port succeeds despite TIME_WAIT connections on it (SO_REUSEADDR, which server socket channels set).
     */
    private static final int RANDOM_TRIES = 16;
    private static final int DYNAMIC_LOW = 49152, DYNAMIC_HIGH = 65535;

    /** A listening socket on {@code address} and a free port of the range, tried from a random start. */
    ServerSocket open(InetAddress address) throws IOException {
        if (low == 0) return openAny(address);
        int count = high - low + 1;
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            try {
                return bind(address, low + (start + i) % count);
            } catch (BindException taken) {
                // try the next one
            }
        }
        throw new BindException("all passive ports " + low + "-" + high + " are in use");
    }

    private static ServerSocket openAny(InetAddress address) throws IOException {
        for (int i = 0; i < RANDOM_TRIES; i++) {
            try {
                return bind(address, ThreadLocalRandom.current().nextInt(DYNAMIC_LOW, DYNAMIC_HIGH + 1));
            } catch (BindException taken) {
                // a listening or connected socket has it: try another
            }
        }
        return bind(address, 0);
    }

    private static ServerSocket bind(InetAddress address, int port) throws IOException {
        ServerSocket socket = ServerSocketChannel.open().socket(); // its sockets have channels, for sendfile
        try {
            socket.bind(new InetSocketAddress(address, port), 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
