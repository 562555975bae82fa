package ferry.server.ftp;

import ferry.server.command.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * FTP paths and workspace paths, both ways. FTP's "/" is the user's home, which a {@link Workspace} calls "~";
 * ".." stops at "/" (RFC 959 paths, TVFS). Every path still goes through {@link Workspace#resolve}, which confines it.
 */
final class FtpPaths {
    private FtpPaths() {}

    /** The storage path of an FTP path. */
    static String path(Workspace ws, String ftpPath) throws IOException {
        return ws.resolve(home(ws, ftpPath));
    }

    /** The storage path of an FTP path the user is about to change; fails without the write right. */
    static String writable(Workspace ws, String ftpPath) throws IOException {
        ws.requireWrite(ftpPath);
        return path(ws, ftpPath);
    }

    /** An FTP path as a workspace path from the home ("~/..."), with "." and ".." folded. */
    static String home(Workspace ws, String ftpPath) {
        List<String> names = new ArrayList<>();
        if (!ftpPath.startsWith("/")) {
            for (String name : ftp(ws.pwd()).split("/")) if (!name.isEmpty()) names.add(name);
        }
        for (String name : ftpPath.split("/")) {
            if (name.isEmpty() || name.equals(".")) continue;
            if (name.equals("..")) {
                if (!names.isEmpty()) names.removeLast();
            } else {
                names.add(name);
            }
        }
        return names.isEmpty() ? "~" : "~/" + String.join("/", names);
    }

    /** A workspace path as FTP shows it: "~" is "/", "~/a" is "/a". */
    static String ftp(String display) {
        return display.equals("~") ? "/" : display.startsWith("~/") ? display.substring(1) : display;
    }

    /** A storage reply's text with its paths as FTP shows them: "/" for the home, not "~". */
    static String ftpPaths(String message) {
        return message.replace("~/", "/").replace(": ~", ": /");
    }

    /** RFC 959 appendix II: a quoted path doubles the quotes inside it. */
    static String quote(String path) {
        return '"' + path.replace("\"", "\"\"") + '"';
    }

    /** The path of a LIST-like argument without the ls options (such as -la) that many clients send before it. */
    static String withoutOptions(String argument) {
        String arg = argument;
        while (arg.startsWith("-")) {
            int space = arg.indexOf(' ');
            arg = space < 0 ? "" : arg.substring(space + 1).stripLeading();
        }
        return arg;
    }
}
