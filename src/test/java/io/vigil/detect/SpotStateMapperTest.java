package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SpotStateMapperTest {
    /** A state as a series keeps it: 6 peaks over the threshold 2.68 among 212 errors, and their fit. */
    static Spot.State sample() {
        return new Spot.State(1, 2.684, 212, 6, new double[] {0.12, 0.45, 1.9, 0.03, 0.21, 0.62}, 0.27, 0.48);
    }

    static void assertSame(Spot.State a, Spot.State b) {
        assertEquals(a.threshold(), b.threshold());
        assertEquals(a.count(), b.count());
        assertEquals(a.peaksSeen(), b.peaksSeen());
        assertArrayEquals(a.peaks(), b.peaks());
        assertEquals(a.shape(), b.shape());
        assertEquals(a.scale(), b.scale());
    }

    @Test
    void roundTripKeepsEveryField() {
        Spot.State s = sample();
        assertSame(s, SpotStateMapper.fromBytes(SpotStateMapper.toBytes(s)));
        assertSame(s, (Spot.State) CalibrationStateMapper.fromBytes(CalibrationStateMapper.toBytes(s)));
    }

    /** Format 1 bytes committed to the repository: this release must keep reading them. */
    @Test
    void goldenFormat1StillReads() throws Exception {
        Path golden = Path.of("src/test/resources/io/vigil/detect/spot-state-v1.hex");
        String hex = HexFormat.of().formatHex(SpotStateMapper.toBytes(sample()));
        if (!Files.exists(golden)) {
            Files.writeString(golden, hex + "\n");
        }
        Spot.State back = SpotStateMapper.fromBytes(HexFormat.of().parseHex(Files.readString(golden).trim()));
        assertSame(sample(), back);
        assertEquals(hex, Files.readString(golden).trim(), "format 1 encoding is unchanged");
    }

    @Test
    void corruptOrForeignBytesAreRefused() {
        byte[] good = SpotStateMapper.toBytes(sample());
        assertThrows(IllegalStateException.class, () -> SpotStateMapper.fromBytes(java.util.Arrays.copyOf(good, good.length - 8)));
        assertThrows(IllegalStateException.class, () -> SpotStateMapper.fromBytes(new byte[] {1, 0, 0}));
    }
}
