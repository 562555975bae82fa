package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How both programs describe a byte count and a finished transfer to people. */
@Timeout(10)
class RateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '=', textBlock = """
            0                   = 0 B
            1                   = 1 B
            1023                = 1023 B
            1024                = 1.0 KB
            1536                = 1.5 KB
            2516582             = 2.4 MB
            10485760            = 10.0 MB
            1073741824          = 1.0 GB
            1099511627776       = 1.0 TB
            1125899906842624    = 1.0 PB
            1152921504606846976 = 1.0 EB
            9223372036854775807 = 8.0 EB
            """)
    void sizeUsesTheLargestUnitThatKeepsAtLeastOneWithOneDecimal(long bytes, String expected) {
        assertEquals(expected, Rate.size(bytes));
    }

    @Test
    void sizeWritesAPointWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("1.5 KB", Rate.size(1536));
            assertEquals("1.0 KB in 1.000 s (1.0 KB/s)", Rate.describe(1024, 1_000_000_000));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void describeGivesSizeSecondsAndRate() {
        assertEquals("1.2 MB in 0.050 s (24.0 MB/s)", Rate.describe(1_258_291, 50_000_000));
        assertEquals("1.0 KB in 1.000 s (1.0 KB/s)", Rate.describe(1024, 1_000_000_000));
        assertEquals("1023 B in 2.000 s (511 B/s)", Rate.describe(1023, 2_000_000_000));
    }

    @Test
    void describeCountsAZeroDurationAsOneNanosecondRatherThanDividingByZero() {
        assertEquals("0 B in 0.000 s (0 B/s)", Rate.describe(0, 0));
        assertEquals("1000 B in 0.000 s (931.3 GB/s)", Rate.describe(1_000, 0));
    }
}
