package ferry.server.ftp;

import ferry.server.auth.Permission;
import ferry.server.storage.Entry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How entries are written on the wire: LIST's {@code ls -l} lines that clients parse, and RFC 3659 facts. */
final class ListFormat {
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_VAL = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ListFormat() {}

    /** {@code -rw-r--r-- 1 ferry ferry 1234 Nov 23 11:29 name}: the form of vsftpd and ProFTPD, times in UTC. */
    static String ls(Entry entry, Instant now) {
        boolean recent = entry.modified().isAfter(now.minus(180, ChronoUnit.DAYS)) && !entry.modified().isAfter(now.plus(1, ChronoUnit.DAYS));
        return "%s 1 ferry ferry %13d %s %s".formatted(entry.directory() ? "drwxr-xr-x" : "-rw-r--r--", entry.size(),
                (recent ? RECENT : OLD).format(entry.modified()), entry.name());
    }

    /** RFC 3659 7: {@code type=file;size=1234;modify=20261123112900;perm=adfrw; name}. */
    static String facts(Entry entry, String name, Permission permission) {
        String type = entry.directory() ? "dir" : "file";
        String perm = entry.directory()
                ? (permission.canWrite() ? "cdeflmp" : "el")
                : (permission.canWrite() ? "adfrw" : "r");
        return "type=%s;size=%d;modify=%s;perm=%s; %s".formatted(type, entry.size(), TIME_VAL.format(entry.modified()), perm, name);
    }

    /** MDTM's and MLST's time-val (RFC 3659 2.3), in UTC. */
    static String timeVal(Instant time) {
        return TIME_VAL.format(time);
    }
}
