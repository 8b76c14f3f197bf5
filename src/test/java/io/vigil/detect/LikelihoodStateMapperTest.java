package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LikelihoodStateMapperTest {
    static final Path DIR = Path.of("src/test/resources/io/vigil/detect");

    /** A state as a series keeps it after 5 windows, one set of moments per signal. */
    static StreamingLikelihood.State sample() {
        return new StreamingLikelihood.State(2, List.of(new StreamingLikelihood.Moments(5, 0.3, 0.02),
                new StreamingLikelihood.Moments(5, 0.6, 0.08), new StreamingLikelihood.Moments(5, 0.03, 2e-4)));
    }

    @Test
    void roundTripKeepsEveryField() {
        StreamingLikelihood.State s = sample();
        assertEquals(s, LikelihoodStateMapper.fromBytes(LikelihoodStateMapper.toBytes(s)));
        assertEquals(s, CalibrationStateMapper.fromBytes(CalibrationStateMapper.toBytes(s)));
    }

    /** Format 2 bytes committed to the repository: this release must keep reading them. */
    @Test
    void goldenFormat2StillReads() throws Exception {
        Path golden = DIR.resolve("likelihood-state-v2.hex");
        String hex = HexFormat.of().formatHex(LikelihoodStateMapper.toBytes(sample()));
        if (!Files.exists(golden)) {
            Files.writeString(golden, hex + "\n");
        }
        StreamingLikelihood.State back = LikelihoodStateMapper.fromBytes(HexFormat.of().parseHex(Files.readString(golden).trim()));
        assertEquals(sample(), back);
        assertEquals(hex, Files.readString(golden).trim(), "format 2 encoding is unchanged");
    }

    /**
     * Format 1 (a ring of 4 log errors: log 0.2 .. log 0.5, written by the previous release) migrates: the window-error
     * signal replays those errors, the newer signals start empty.
     */
    @Test
    void goldenFormat1MigratesToFormat2() throws Exception {
        byte[] v1 = HexFormat.of().parseHex(Files.readString(DIR.resolve("likelihood-state-v1.hex")).trim());
        StreamingLikelihood.State back = LikelihoodStateMapper.fromBytes(v1);
        StreamingLikelihood.Moments errors = back.signal(StreamingLikelihood.Signal.WINDOW_ERROR);
        assertEquals(4, errors.count());
        assertEquals(0.35, errors.mean(), 1e-12);
        assertEquals(0.0125, errors.variance(), 1e-12);
        assertEquals(StreamingLikelihood.Moments.EMPTY, back.signal(StreamingLikelihood.Signal.NEWEST_ERROR));
        assertEquals(StreamingLikelihood.Moments.EMPTY, back.signal(StreamingLikelihood.Signal.NEWEST_CHANGE));
        assertEquals(back, CalibrationStateMapper.fromBytes(v1), "the store's mapper reads it too");
    }

    @Test
    void unknownFormatIsRefused() {
        assertThrows(IllegalStateException.class, () -> LikelihoodStateMapper.fromBytes(new byte[] {7, 0, 0, 0}));
        assertThrows(IllegalStateException.class, () -> CalibrationStateMapper.fromBytes(new byte[] {7, 0, 0, 0}));
        assertThrows(IllegalStateException.class, () -> CalibrationStateMapper.fromBytes(new byte[0]));
    }
}
