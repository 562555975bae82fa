package ferry.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sendfile from Java 22 on (JDK-8310902), on this JVM as on any. */
class ZeroCopyTest {
    @Test
    void sendfileFromJava22On() {
        assertFalse(ZeroCopy.availableOn(21));
        assertTrue(ZeroCopy.availableOn(22));
        assertTrue(ZeroCopy.availableOn(25));
        assertEquals(Runtime.version().feature() >= 22, ZeroCopy.available());
    }
}
