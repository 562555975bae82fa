package ferry.client.command;

import ferry.client.transfer.TransferException;

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
}
