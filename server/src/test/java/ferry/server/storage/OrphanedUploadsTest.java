package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files left by uploads that died with a crash never keep a folder that lists as empty from going. */
@Timeout(10)
class OrphanedUploadsTest {
    @TempDir
    Path root;

    @Test
    void rmdirOfAFolderHoldingOnlyOrphanedUploadsRemovesIt() throws Exception {
        Path folder = Files.createDirectories(root.resolve("f"));
        Files.writeString(folder.resolve(Storage.UPLOAD_PREFIX + "1234.part"), "half a file");
        Storage storage = Storage.of(root, Set.of());
        assertTrue(storage.list("f").isEmpty(), "the orphan is not listed");
        storage.rmdir("f", false);
        assertFalse(Files.exists(folder));
    }

    @Test
    void aFolderWithRealFilesIsStillNotEmpty() throws Exception {
        Path folder = Files.createDirectories(root.resolve("f"));
        Files.writeString(folder.resolve(Storage.UPLOAD_PREFIX + "1234.part"), "half a file");
        Files.writeString(folder.resolve("real.txt"), "real");
        Storage storage = Storage.of(root, Set.of());
        assertThrows(DirectoryNotEmptyException.class, () -> storage.rmdir("f", false));
        assertTrue(Files.exists(folder.resolve("real.txt")));
    }

    @Test
    void anUploadInProgressIsNeverTakenForAnOrphan() throws Exception {
        Files.createDirectories(root.resolve("f"));
        Storage storage = Storage.of(root, Set.of(), java.time.Duration.ofMillis(100));
        try (Upload upload = storage.create("f/x.bin", 3, false)) {
            upload.content().write(new byte[] {1, 2, 3});
            assertThrows(BusyException.class, () -> storage.rmdir("f", false), "the upload holds the folder");
        }
        assertTrue(Files.isDirectory(root.resolve("f")));
    }
}
