package ferry.server.ftp;

import ferry.protocol.Status;

/** The FTP reply code (RFC 959 4.2.1) for each outcome the shared command code reports. */
final class FtpCodes {
    private FtpCodes() {}

    static int of(Status status) {
        return switch (status) {
            case OK -> 250;
            case NOT_FOUND, FORBIDDEN, ALREADY_EXISTS, BAD_REQUEST -> 550;
            case BUSY -> 450;
            case TOO_LARGE -> 452;
            case CHECKSUM_MISMATCH, SERVER_ERROR -> 451;
            case NOT_LOGGED_IN, LOGIN_FAILED -> 530;
            case UNAVAILABLE -> 421;
            case UNSUPPORTED_VERSION -> 502;
        };
    }
}
