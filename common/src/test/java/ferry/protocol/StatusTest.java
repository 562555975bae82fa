package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Status numbers are part of the wire format: spelled out here so that renumbering one fails a test. */
@Timeout(10)
class StatusTest {

    @ParameterizedTest
    @CsvSource({
        "OK, 200", "BAD_REQUEST, 400", "NOT_LOGGED_IN, 401", "FORBIDDEN, 403", "NOT_FOUND, 404",
        "ALREADY_EXISTS, 409", "TOO_LARGE, 413", "CHECKSUM_MISMATCH, 422", "BUSY, 423", "LOGIN_FAILED, 430",
        "SERVER_ERROR, 500", "UNAVAILABLE, 503", "UNSUPPORTED_VERSION, 505"})
    void eachStatusHasItsWireNumber(Status status, int code) throws ProtocolException {
        assertEquals(code, status.code());
        assertSame(status, Status.of(code));
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void everyStatusIsFoundByItsOwnNumberWhichFitsInU16(Status status) throws ProtocolException {
        assertSame(status, Status.of(status.code()));
        assertTrue(status.code() >= 0 && status.code() <= 0xFFFF, status::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 199, 201, 999, 0xFFFF, -1})
    void unknownNumberIsAProtocolError(int code) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Status.of(code));
        assertEquals("unknown status " + code, e.getMessage());
    }

    @Test
    void onlyOkIsOk() {
        for (Status status : Status.values()) {
            assertEquals(status == Status.OK, status.isOk(), status::toString);
        }
    }
}
