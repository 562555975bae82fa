package ferry.server.ftp;

import ferry.server.tls.ServerTls;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One FTP session's security state (RFC 4217): whether the control connection speaks TLS, PBSZ and PROT, and the
 * TLS wrapping of data connections under PROT P, each of which must resume the control connection's TLS session
 * unless the server allows otherwise. Used by one session's thread.
 */
final class Protection {
    /** A data connection refused for its security: answered with {@code code} instead of 425/426. */
    static final class RefusedException extends IOException {
        private final int code;

        RefusedException(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private final FtpTls settings; // null: TLS not configured
    private SSLSession control;   // the control connection's session once it speaks TLS
    private boolean bufferSizeSet;
    private boolean privateData;

    Protection(FtpTls settings) {
        this.settings = settings;
    }

    boolean available() {
        return settings != null;
    }

    /** Whether the control connection speaks TLS. */
    boolean secured() {
        return control != null;
    }

    /** Whether the settings refuse USER and PASS now: --require-tls and no TLS yet. */
    boolean refusesLogin() {
        return settings != null && settings.required() && control == null;
    }

    /**
     * The control connection now speaks TLS with {@code session}. {@code implicit} for a connection that spoke TLS
     * from its first byte: such clients expect protected data without asking (PBSZ 0, PROT P).
     */
    void secure(SSLSession session, boolean implicit) {
        control = session;
        ServerTls.mark(session, this);
        bufferSizeSet = implicit;
        privateData = implicit;
    }

    /** For STAT: how the control and data connections are protected. */
    List<String> describe() {
        String data = privateData ? "Data connections protected (PROT P)" : "Data connections in the clear (PROT C)";
        return List.of(control == null ? "Control connection in the clear" : "Control connection over " + control.getProtocol(), data);
    }

    /** PBSZ (RFC 4217 8): only 0 makes sense for TLS; any other size is answered with PBSZ=0. */
    FtpReply pbsz(String argument) {
        if (control == null) return new FtpReply(503, "PBSZ needs AUTH TLS first");
        try {
            if (Long.parseLong(argument.strip()) < 0) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            return new FtpReply(501, "PBSZ needs a size, usually 0");
        }
        bufferSizeSet = true;
        return new FtpReply(200, "PBSZ=0");
    }

    /** PROT C (clear) or P (private) (RFC 4217 9); S and E are not supported by TLS. */
    FtpReply prot(String argument) {
        if (control == null) return new FtpReply(503, "PROT needs AUTH TLS first");
        if (!bufferSizeSet) return new FtpReply(503, "PROT needs PBSZ first");
        return switch (argument.strip().toUpperCase(Locale.ROOT)) {
            case "P" -> {
                privateData = true;
                yield new FtpReply(200, "Data connections will be protected");
            }
            case "C" -> {
                if (settings.required()) yield new FtpReply(534, "Data connections must be protected on this server; use PROT P");
                privateData = false;
                yield new FtpReply(200, "Data connections will be in the clear");
            }
            case "S", "E" -> new FtpReply(536, "PROT " + argument.strip() + " is not supported by TLS; use P or C");
            default -> new FtpReply(504, "PROT takes C or P");
        };
    }

    /** Why a data transfer may not start now, or null if it may: under --require-tls it must be PROT P. */
    String refusesData() {
        if (settings != null && settings.required() && !privateData) {
            return "Data connections must be protected on this server; send PBSZ 0 and PROT P";
        }
        return null;
    }

    /**
     * The data connection as the transfer uses it: TLS under PROT P, after the handshake (bounded by the socket's
     * read timeout) and the reuse check.
     */
    Socket protect(Socket plain) throws IOException {
        if (!privateData) return plain;
        SSLSocket tls = settings.identity().wrap(plain, new byte[0]);
        try {
            ServerTls.handshake(tls, Duration.ofMillis(plain.getSoTimeout()));
        } catch (IOException e) {
            tls.close();
            throw new RefusedException(425, "TLS negotiation on the data connection failed: " + e.getMessage());
        }
        if (settings.reuseRequired() && !ServerTls.resumes(tls.getSession(), this)) {
            tls.close();
            throw new RefusedException(522, "Data connection must resume the control connection's TLS session"
                    + " (the server requires TLS session reuse)");
        }
        return tls;
    }
}
