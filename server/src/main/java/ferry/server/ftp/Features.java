package ferry.server.ftp;

import ferry.protocol.Checksums;
import java.util.List;
import java.util.Locale;

/** What FEAT announces (RFC 2389) and how OPTS answers: exactly what is implemented, since clients trust FEAT. */
final class Features {
    /** MLST facts Ferry can give (RFC 3659 7.8); all are always sent. */
    static final String MLST_FACTS = "type*;size*;modify*;perm*;";

    /** Every feature but HASH, whose line marks the session's chosen algorithm: see {@link #list(String)}. */
    static final List<String> FIXED = List.of(
            "EPRT", "EPSV", "MDTM", "MLST " + MLST_FACTS, "PASV", "REST STREAM", "SIZE", "TVFS", "UTF8", "XCRC");

    /** FEAT's lines, HASH's with a * on {@code hash}, the algorithm in use (draft-bryan-ftpext-hash 3.1). */
    static List<String> list(String hash) {
        return list(hash, false);
    }

    /** As above, with RFC 4217's AUTH TLS, PBSZ and PROT when {@code tls} is available. */
    static List<String> list(String hash, boolean tls) {
        List<String> lines = new java.util.ArrayList<>(FIXED);
        if (tls) lines.addAll(List.of("AUTH TLS", "PBSZ", "PROT"));
        StringBuilder algorithms = new StringBuilder("HASH ");
        for (String algorithm : Checksums.ALGORITHMS) {
            algorithms.append(algorithm).append(algorithm.equals(hash) ? "*" : "").append(';');
        }
        lines.add(algorithms.substring(0, algorithms.length() - 1));
        lines.sort(null);
        return lines;
    }

    /** FEAT's lines for a new session (HASH uses SHA-256). */
    static final List<String> LIST = list("SHA-256");

    private Features() {}

    /** The reply code for OPTS {@code argument}. */
    static int opts(String argument) {
        String upper = argument.toUpperCase(Locale.ROOT).strip();
        if (upper.equals("UTF8 ON") || upper.equals("UTF8")) return 200; // RFC 2640: paths are always UTF-8 here
        if (upper.startsWith("MLST")) return 200;
        return 501;
    }

    static String optsText(String argument) {
        String upper = argument.toUpperCase(Locale.ROOT).strip();
        if (upper.equals("UTF8 ON") || upper.equals("UTF8")) return "UTF8 mode is always on";
        if (upper.startsWith("MLST")) return "MLST OPTS " + MLST_FACTS.replace("*", "");
        return "Option not understood: " + argument;
    }
}
