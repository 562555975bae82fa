package ferry.server.ftp;

import java.util.Locale;
import java.util.Optional;

/** The FTP commands Ferry implements (RFC 959 and the extensions FEAT announces), and which need a login. */
enum Verb {
    USER(false), PASS(false), ACCT(false), QUIT(false), REIN(false), SYST(false), FEAT(false), OPTS(false),
    HELP(false), NOOP(false), STAT(false), AUTH(false), PBSZ(false), PROT(false), CCC(false),
    PWD(true), XPWD(true), CWD(true), XCWD(true), CDUP(true), XCUP(true), MKD(true), XMKD(true), RMD(true),
    XRMD(true), DELE(true), RNFR(true), RNTO(true), TYPE(true), MODE(true), STRU(true), ALLO(true), PASV(true),
    EPSV(true), PORT(true), EPRT(true), LIST(true), NLST(true), MLSD(true), MLST(true), SIZE(true), MDTM(true),
    REST(true), RETR(true), STOR(true), STOU(true), APPE(true), ABOR(true), SITE(true), HASH(true), XCRC(true);

    private final boolean needsLogin;

    Verb(boolean needsLogin) {
        this.needsLogin = needsLogin;
    }

    boolean needsLogin() {
        return needsLogin;
    }

    /** The verb a command line starts with, in any case; empty for a verb Ferry does not know. */
    static Optional<Verb> of(String word) {
        try {
            return Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
