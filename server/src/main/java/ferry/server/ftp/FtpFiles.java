package ferry.server.ftp;

import static ferry.server.ftp.FtpPaths.ftp;
import static ferry.server.ftp.FtpPaths.home;
import static ferry.server.ftp.FtpPaths.path;
import static ferry.server.ftp.FtpPaths.quote;
import static ferry.server.ftp.FtpPaths.writable;

import ferry.protocol.Checksums;
import ferry.server.command.Workspace;
import ferry.server.storage.BadPathException;
import ferry.server.storage.Download;
import ferry.server.storage.Entry;
import ferry.server.storage.Storage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The FTP commands on files and folders that answer over the control connection alone: CWD, CDUP, MKD, RMD, DELE,
 * RNFR/RNTO, SIZE, MDTM, MLST, STAT of a path, HASH, XCRC and OPTS HASH; and what LIST, NLST and MLSD list. They go
 * through the same {@link Workspace}, {@link Storage} and edits (so the same locks) as the framed protocol. A storage
 * failure is thrown, for the session to answer. Used by the session's thread only.
 */
final class FtpFiles {
    /** What LIST, NLST, MLSD and STAT show for an argument: a folder's entries, or the one file it names. */
    record Listed(boolean folder, List<Entry> entries) {}

    private final FtpSessions context;
    private final ControlChannel control;
    private String hashAlgorithm = "SHA-256";

    FtpFiles(FtpSessions context, ControlChannel control) {
        this.context = context;
        this.control = control;
    }

    void cwd(Workspace ws, String argument) throws IOException {
        control.reply(250, "Directory changed to " + ftp(ws.cd(home(ws, argument), storage())));
    }

    /** CDUP (RFC 959 4.2.1); at the top it stays at the top, as FTP clients expect of "/". */
    void cdup(Workspace ws) throws IOException {
        String now = ws.pwd().equals("~") ? ws.pwd() : ws.cd("..", storage());
        control.reply(200, "Directory changed to " + ftp(now));
    }

    void mkd(Workspace ws, String argument) throws IOException {
        context.edits().mkdir(ws, home(ws, argument));
        control.reply(257, quote(ftp(ws.display(path(ws, argument)))) + " created");
    }

    void rmd(Workspace ws, String argument) throws IOException {
        context.edits().rmdir(ws, home(ws, argument), false);
        control.reply(250, "Directory removed");
    }

    void dele(Workspace ws, String argument) throws IOException {
        context.edits().delete(ws, home(ws, argument));
        control.reply(250, "File deleted");
    }

    /** RNFR: 550 now for a missing source, as clients expect; returns the source for RNTO. */
    String rnfr(Workspace ws, String argument) throws IOException {
        storage().stat(writable(ws, argument));
        control.reply(350, "Ready for RNTO");
        return home(ws, argument);
    }

    /** RNTO, with the source of the RNFR just before it (null if there was none). */
    void rnto(Workspace ws, String from, String argument) throws IOException {
        if (from == null) {
            control.reply(503, "Send RNFR first");
            return;
        }
        context.edits().rename(ws, from, home(ws, argument));
        control.reply(250, "Rename successful");
    }

    void size(Workspace ws, String argument) throws IOException {
        Entry entry = storage().stat(path(ws, argument));
        if (entry.directory()) throw BadPathException.asTyped(argument, "is a folder");
        control.reply(213, Long.toString(entry.size()));
    }

    void mdtm(Workspace ws, String argument) throws IOException {
        control.reply(213, ListFormat.timeVal(storage().stat(path(ws, argument)).modified()));
    }

    void mlst(Workspace ws, String argument) throws IOException {
        String path = argument.isEmpty() ? ws.current() : path(ws, argument);
        Entry entry = storage().stat(path);
        String shown = ftp(ws.display(path));
        control.reply(250, "Listing " + shown, List.of(ListFormat.facts(entry, shown, ws.user().permission())), "End");
    }

    /** STAT path (RFC 959 4.1.3): the listing over the control connection, 213 (or 212 for a folder). */
    void stat(Workspace ws, String argument) throws IOException {
        Listed listed = listed(ws, argument);
        Instant now = Instant.now();
        control.reply(listed.folder() ? 212 : 213, "Status of " + argument + ":",
                listed.entries().stream().map(e -> ListFormat.ls(e, now)).toList(), "End of status");
    }

    Listed listed(Workspace ws, String argument) throws IOException {
        String arg = FtpPaths.withoutOptions(argument);
        String path = arg.isEmpty() ? ws.current() : path(ws, arg);
        Entry entry = storage().stat(path);
        return entry.directory() ? new Listed(true, storage().list(path)) : new Listed(false, List.of(entry));
    }

    /** HASH path: {@code 213 SHA-256 0-last hex path}, the same checksum code as the framed STAT. */
    void hash(Workspace ws, String argument) throws IOException {
        try (Download download = storage().openRead(path(ws, argument))) {
            String hex = Checksums.hex(download.content(), hashAlgorithm);
            long last = Math.max(0, download.size() - 1);
            control.reply(213, "%s 0-%d %s %s".formatted(hashAlgorithm, last, hex, argument));
        }
    }

    /** XCRC path: {@code 250 CRC32} of the whole file, in upper-case hex, as the servers that invented it answer. */
    void xcrc(Workspace ws, String argument) throws IOException {
        String name = argument.startsWith("\"") && argument.indexOf('"', 1) > 0
                ? argument.substring(1, argument.indexOf('"', 1)) : argument;
        try (Download download = storage().openRead(path(ws, name))) {
            control.reply(250, Checksums.hex(download.content(), "CRC32").toUpperCase(Locale.ROOT));
        }
    }

    /** OPTS HASH [ALGORITHM] (draft-bryan-ftpext-hash 3.2): shows or chooses the algorithm HASH uses. */
    void optsHash(String algorithm) throws IOException {
        if (algorithm.isEmpty()) {
            control.reply(200, hashAlgorithm);
        } else if (Checksums.ALGORITHMS.contains(algorithm.toUpperCase(Locale.ROOT))) {
            hashAlgorithm = algorithm.toUpperCase(Locale.ROOT);
            control.reply(200, hashAlgorithm);
        } else {
            control.reply(504, "Unknown algorithm; choose one of " + String.join(", ", Checksums.ALGORITHMS));
        }
    }

    /** The algorithm HASH uses now, which FEAT shows. */
    String hashAlgorithm() {
        return hashAlgorithm;
    }

    private Storage storage() {
        return context.storage();
    }
}
