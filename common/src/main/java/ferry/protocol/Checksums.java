package ferry.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The checksums Ferry shows for a whole file: {@link #of} computes CRC32C (as END carries it) and SHA-256 in one
 * pass for the framed STAT; {@link #hex} computes one named algorithm for FTP's HASH and XCRC. One code for both
 * protocols.
 */
public record Checksums(long size, int crc32c, String sha256) {
    /** The algorithms {@link #hex} knows, by the names FTP's HASH uses, strongest first. */
    public static final java.util.List<String> ALGORITHMS = java.util.List.of("SHA-256", "SHA-1", "MD5", "CRC32");

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

    /** The lowercase hex checksum of everything {@code in} holds, by one of {@link #ALGORITHMS}. */
    public static String hex(InputStream in, String algorithm) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        if (algorithm.equals("CRC32")) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            for (int n; (n = in.read(buffer)) > 0; ) crc.update(buffer, 0, n);
            return "%08x".formatted(crc.getValue());
        }
        if (!ALGORITHMS.contains(algorithm)) throw new IllegalArgumentException("unknown algorithm " + algorithm);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
        for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
