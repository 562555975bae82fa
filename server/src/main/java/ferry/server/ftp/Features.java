package ferry.server.ftp;

import java.util.List;
import java.util.Locale;

/** What FEAT announces (RFC 2389) and how OPTS answers: exactly what is implemented, since clients trust FEAT. */
final class Features {
    /** MLST facts Ferry can give (RFC 3659 7.8); all are always sent. */
    static final String MLST_FACTS = "type*;size*;modify*;perm*;";

    static final List<String> LIST = List.of(
            "EPRT", "EPSV", "MDTM", "MLST " + MLST_FACTS, "PASV", "REST STREAM", "SIZE", "TVFS", "UTF8");

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
