package ferry.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** The checksums Ferry shows for a whole file, computed in one pass: CRC32C (as END carries it) and SHA-256. */
public record Checksums(long size, int crc32c, String sha256) {

    public static Checksums of(InputStream in) throws IOException {
        CRC32C crc = new CRC32C();
        MessageDigest sha256 = newSha256();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            crc.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
            size += n;
        }
        return new Checksums(size, (int) crc.getValue(), HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
