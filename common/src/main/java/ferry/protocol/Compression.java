package ferry.protocol;

import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Whether compressing a file is worth it: not for names whose type is already compressed (JPEG, PNG, ZIP, MP4…),
 * and not when a quick trial on the file's first bytes saves less than a tenth. Stateless and thread-safe.
 */
public final class Compression {
    /** How many leading bytes {@link #pays} tries. */
    public static final int TRIAL_BYTES = 64 * 1024;
    private static final Set<String> COMPRESSED = Set.of(
            "jpg", "jpeg", "png", "gif", "webp", "heic", "avif", "jxl",
            "gz", "tgz", "bz2", "xz", "txz", "zst", "lz4", "lz", "br", "zip", "7z", "rar", "jar", "war", "apk",
            "docx", "xlsx", "pptx", "odt", "ods", "epub",
            "mp4", "m4v", "mkv", "webm", "mov", "avi", "mp3", "m4a", "aac", "ogg", "opus", "flac");

    private Compression() {}

    /** False for a name whose extension says its content is already compressed. */
    public static boolean suits(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        if (dot <= slash + 1) return true; // no extension, or a dot file such as .bashrc
        return !COMPRESSED.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** True if deflating {@code sample[0, length)} at the transfer's level saves at least a tenth. */
    public static boolean pays(byte[] sample, int length) {
        if (length <= 0) return false;
        Deflater deflater = new Deflater(Chunks.DEFLATE_LEVEL);
        try {
            deflater.setInput(sample, 0, length);
            deflater.finish();
            byte[] out = new byte[8192];
            long compressed = 0;
            while (!deflater.finished() && compressed < length) compressed += deflater.deflate(out);
            return compressed < length * 0.9;
        } finally {
            deflater.end();
        }
    }
}
