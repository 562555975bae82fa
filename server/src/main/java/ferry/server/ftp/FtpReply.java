package ferry.server.ftp;

/** An FTP reply (RFC 959 4.2): its code and one line of text, for {@link ControlChannel#reply(FtpReply)}. */
record FtpReply(int code, String text) {}
