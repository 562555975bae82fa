package ferry.server.storage;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Linux to drop a file's pages from the page cache once they are on the disk: {@code posix_fadvise} with
 * {@code POSIX_FADV_DONTNEED}, which leaves dirty pages alone. A big upload then streams through the cache in
 * bounded steps instead of filling it, so it neither evicts the files being downloaded nor takes fresh memory for
 * every page it writes (on this project's virtual machines, memory left free for a few seconds is handed back to
 * the host, and touching it again cost a 1 GiB upload two seconds).
 *
 * <p>Java has no call for it. This uses the Foreign Function API, final since Java 22; through reflection because the
 * build targets Java 21, where that API is a preview. Where it is missing (Java 21, other systems than 64-bit Linux
 * on x86-64 or ARM, native access not enabled) {@link #drop} does nothing, and the log says so once: it is advice,
 * and the bytes are on the disk either way. The launcher enables native access
 * ({@code --enable-native-access=ALL-UNNAMED}). The file is opened again by name, never following a symbolic link
 * and never waiting (a FIFO put in its place by another program), and only clean pages are ever dropped, so a wrong
 * file there costs nothing but its cache. Some file systems keep their pages whatever the advice (tmpfs).
 */
final class PageCache {
    private static final Logger log = LoggerFactory.getLogger(PageCache.class);
    private static final int O_RDONLY = 0, O_NONBLOCK = 04000, O_CLOEXEC = 02000000;
    /** O_NOFOLLOW differs between x86-64 and ARM; {@link #supportedHere} leaves out other architectures. */
    private static final int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0100000 : 0400000;
    private static final int OPEN_FLAGS = O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final Charset FILE_NAMES = fileNameCharset();
    private static final Native NATIVE = Native.find();

    private PageCache() {
    }

    /** Whether {@link #drop} reaches the system on this JVM. */
    static boolean available() {
        return NATIVE != null;
    }

    /** Drops the cached, clean pages of bytes {@code [offset, offset + length)} of {@code file}, if it can. */
    static void drop(Path file, long offset, long length) {
        if (NATIVE != null && length > 0) NATIVE.dontNeed(file, offset, length);
    }

    /** Linux on 64-bit x86 or ARM (an {@code off_t} of 64 bits, known flag values), from Java 22. */
    static boolean supportedHere(String os, String arch, int javaFeature) {
        return "Linux".equals(os) && ("amd64".equals(arch) || "aarch64".equals(arch)) && javaFeature >= 22;
    }

    /** The file's name as the system sees it (in Java's encoding of file names), NUL-terminated. */
    private static byte[] cName(Path file) {
        byte[] name = file.toString().getBytes(FILE_NAMES);
        return Arrays.copyOf(name, name.length + 1);
    }

    private static Charset fileNameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Handles to the C library and to the parts of the Foreign Function API that are not in Java 21's API. */
    private record Native(MethodHandle newArena, MethodHandle cString, MethodHandle open, MethodHandle fadvise,
                          MethodHandle close) {
        static Native find() {
            if (!supportedHere(System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version().feature())) {
                log.info("no posix_fadvise on this system or Java: big uploads stay in the page cache");
                return null;
            }
            try {
                if (!(boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(PageCache.class.getModule())) {
                    log.info("native access is not enabled (--enable-native-access=ALL-UNNAMED): big uploads stay in the page cache");
                    return null;
                }
                MethodHandles.Lookup lookup = MethodHandles.lookup(); // downcallHandle is caller-sensitive
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
                Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
                Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
                Class<?> linker = Class.forName("java.lang.foreign.Linker");
                Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
                Object address = valueLayout.getField("ADDRESS").get(null);
                Object cInt = valueLayout.getField("JAVA_INT").get(null);
                Object cLong = valueLayout.getField("JAVA_LONG").get(null);
                Object nativeLinker = linker.getMethod("nativeLinker").invoke(null);
                Object libc = linker.getMethod("defaultLookup").invoke(nativeLinker);
                MethodHandle findSymbol = lookup.findVirtual(Class.forName("java.lang.foreign.SymbolLookup"), "find",
                        MethodType.methodType(Optional.class, String.class));
                MethodHandle describe = lookup.findStatic(descriptor, "of",
                        MethodType.methodType(descriptor, layout, layout.arrayType())).asFixedArity();
                MethodHandle downcall = lookup.findVirtual(linker, "downcallHandle",
                        MethodType.methodType(MethodHandle.class, segment, descriptor, option.arrayType())).asFixedArity();
                Object noOptions = Array.newInstance(option, 0);
                // open(const char *path, int flags, ...): the mode is its first variadic argument
                Object variadicMode = Array.newInstance(option, 1);
                Array.set(variadicMode, 0, option.getMethod("firstVariadicArg", int.class).invoke(null, 2));

                MethodHandle open = (MethodHandle) downcall.invoke(nativeLinker, symbol(findSymbol, libc, "open"),
                        describe.invoke(cInt, layouts(layout, address, cInt, cInt)), variadicMode);
                MethodHandle fadvise = (MethodHandle) downcall.invoke(nativeLinker, symbol(findSymbol, libc, "posix_fadvise"),
                        describe.invoke(cInt, layouts(layout, cInt, cLong, cLong, cInt)), noOptions);
                MethodHandle close = (MethodHandle) downcall.invoke(nativeLinker, symbol(findSymbol, libc, "close"),
                        describe.invoke(cInt, layouts(layout, cInt)), noOptions);
                MethodHandle newArena = lookup.findStatic(arena, "ofConfined", MethodType.methodType(arena));
                Class<?> ofByte = Class.forName("java.lang.foreign.ValueLayout$OfByte");
                MethodHandle bytes = lookup.findVirtual(arena, "allocateFrom",
                        MethodType.methodType(segment, ofByte, byte[].class)).asFixedArity();
                // (arena, byte[]) -> a native copy of the bytes
                MethodHandle cString = MethodHandles.insertArguments(bytes, 1, valueLayout.getField("JAVA_BYTE").get(null));
                return new Native(newArena, cString, open, fadvise, close);
            } catch (Throwable e) {
                log.info("cannot call posix_fadvise ({}): big uploads stay in the page cache", e.toString());
                return null;
            }
        }

        private static Object symbol(MethodHandle findSymbol, Object libc, String name) throws Throwable {
            Optional<?> found = (Optional<?>) findSymbol.invoke(libc, name);
            return found.orElseThrow(() -> new NoSuchMethodException("no " + name + " in the C library"));
        }

        private static Object layouts(Class<?> layout, Object... each) {
            Object array = Array.newInstance(layout, each.length);
            for (int i = 0; i < each.length; i++) Array.set(array, i, each[i]);
            return array;
        }

        void dontNeed(Path file, long offset, long length) {
            try (AutoCloseable arena = (AutoCloseable) newArena.invoke()) {
                int fd = (int) open.invoke(cString.invoke(arena, cName(file)), OPEN_FLAGS, 0);
                if (fd < 0) return; // gone, or renamed by another program: nothing of ours to drop
                try {
                    int ignored = (int) fadvise.invoke(fd, offset, length, POSIX_FADV_DONTNEED);
                } finally {
                    int ignored = (int) close.invoke(fd);
                }
            } catch (Throwable e) {
                log.debug("posix_fadvise on {} failed", file, e);
            }
        }
    }
}
