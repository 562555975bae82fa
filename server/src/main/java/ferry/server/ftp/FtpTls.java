package ferry.server.ftp;

import ferry.server.tls.ServerTls;

/**
 * FTPS settings (RFC 4217): the server's TLS identity; whether a login needs TLS first and data connections PROT P
 * ({@code required}, from --require-tls); and whether a protected data connection must resume the control
 * connection's TLS session ({@code reuseRequired}, on unless --tls-reuse optional).
 */
public record FtpTls(ServerTls identity, boolean required, boolean reuseRequired) {
    public FtpTls {
        java.util.Objects.requireNonNull(identity, "identity");
    }
}
