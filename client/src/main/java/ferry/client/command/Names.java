package ferry.client.command;

import ferry.client.transfer.TransferException;
import ferry.protocol.Text;
import java.nio.file.Path;

/** The seed design's naming: a copy made without an explicit target is called "new" + the name, capitalized. */
final class Names {
    private Names() {}

    /** "downloadTestFile1.jpg" becomes "newDownloadTestFile1.jpg"; the folder part of a path is dropped. */
    static String copyName(String path) throws TransferException {
        String name = fileName(path);
        int first = name.codePointAt(0);
        return "new" + new String(Character.toChars(Character.toUpperCase(first))) + name.substring(Character.charCount(first));
    }

    /** The last part of a slash-separated path. */
    static String fileName(String path) throws TransferException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) throw new TransferException("'" + path + "' names a folder, not a file");
        return name;
    }

    /** A remote path without trailing slashes ("photos/" is "photos"); "" stays the current folder. */
    static String trimmed(String remote) {
        String path = remote;
        while (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path;
    }

    /**
     * The local file for a name the server sent, inside {@code folder}: a name that is empty, {@code .} or
     * {@code ..}, or holds a separator, NUL or a control character is refused (the server is not trusted).
     */
    static Path localChild(Path folder, String name) throws TransferException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || Text.hasControl(name)
                || name.endsWith(ferry.client.transfer.LocalFiles.PARTIAL_SUFFIX)) { // would clash with a download's partial
            throw new TransferException("refused the server's file name '" + Text.printable(name) + "'");
        }
        Path child = folder.resolve(name);
        if (!folder.equals(child.getParent())) throw new TransferException("refused the server's file name '" + name + "'");
        return child;
    }
}
