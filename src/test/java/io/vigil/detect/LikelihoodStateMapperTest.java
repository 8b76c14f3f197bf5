package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LikelihoodStateMapperTest {
    static final Path DIR = Path.of("src/test/resources/io/vigil/detect");
    /** The moments of a series after 5 windows, one set per signal. */
    static final List<StreamingLikelihood.Moments> MOMENTS = List.of(new StreamingLikelihood.Moments(5, 0.3, 0.02),
            new StreamingLikelihood.Moments(5, 0.6, 0.08), new StreamingLikelihood.Moments(5, 0.03, 2e-4));

    /** A state as a two-feature series keeps it after 5 windows: the moments and the seen range of cpu and mem. */
    static StreamingLikelihood.State sample() {
        return new StreamingLikelihood.State(StreamingLikelihood.State.FORMAT_VERSION, MOMENTS,
                new SeenRange(new double[] {0.25, 12.5}, new double[] {0.75, 30}));
    }

    static byte[] golden(String name) throws Exception {
        return HexFormat.of().parseHex(Files.readString(DIR.resolve(name)).trim());
    }

    @Test
    void roundTripKeepsEveryField() {
        StreamingLikelihood.State s = sample();
        assertEquals(s, LikelihoodStateMapper.fromBytes(LikelihoodStateMapper.toBytes(s)));
        assertEquals(s, CalibrationStateMapper.fromBytes(CalibrationStateMapper.toBytes(s)));
        assertEquals(StreamingLikelihood.State.EMPTY,
                LikelihoodStateMapper.fromBytes(LikelihoodStateMapper.toBytes(StreamingLikelihood.State.EMPTY)), "no range yet");
    }

    /** Format 3 bytes committed to the repository: this release must keep reading them, and write the same. */
    @Test
    void goldenFormat3StillReads() throws Exception {
        Path golden = DIR.resolve("likelihood-state-v3.hex");
        String hex = HexFormat.of().formatHex(LikelihoodStateMapper.toBytes(sample()));
        if (!Files.exists(golden)) {
            Files.writeString(golden, hex + "\n");
        }
        assertEquals(sample(), LikelihoodStateMapper.fromBytes(golden("likelihood-state-v3.hex")));
        assertEquals(hex, Files.readString(golden).trim(), "format 3 encoding is unchanged");
    }

    /** Format 2 (the moments alone, written by the previous release) reads with no range: it starts from the next window. */
    @Test
    void goldenFormat2ReadsWithoutARange() throws Exception {
        StreamingLikelihood.State back = LikelihoodStateMapper.fromBytes(golden("likelihood-state-v2.hex"));
        assertEquals(new StreamingLikelihood.State(StreamingLikelihood.State.FORMAT_VERSION, MOMENTS, SeenRange.NONE), back);
        assertEquals(back, CalibrationStateMapper.fromBytes(golden("likelihood-state-v2.hex")), "the store's mapper reads it too");

        StreamingLikelihood likelihood = new StreamingLikelihood(500, 5);
        StreamingLikelihood.Update first = likelihood.update(back, StreamingLikelihoodTest.valued(100));
        assertFalse(first.newExtreme(), "nothing to compare the first value after an upgrade with");
        StreamingLikelihood.Update second = likelihood.update(first.next(), StreamingLikelihoodTest.valued(1000));
        assertFalse(second.newExtreme(), "one value is a range of width 0");
        assertTrue(likelihood.update(second.next(), StreamingLikelihoodTest.valued(2000)).newExtreme(), "the third may be");
    }

    /**
     * Format 1 (a ring of 4 log errors: log 0.2 .. log 0.5, written by an older release) migrates: the window-error
     * signal replays those errors, the newer signals and the range start empty.
     */
    @Test
    void goldenFormat1Migrates() throws Exception {
        byte[] v1 = golden("likelihood-state-v1.hex");
        StreamingLikelihood.State back = LikelihoodStateMapper.fromBytes(v1);
        StreamingLikelihood.Moments errors = back.signal(StreamingLikelihood.Signal.WINDOW_ERROR);
        assertEquals(4, errors.count());
        assertEquals(0.35, errors.mean(), 1e-12);
        assertEquals(0.0125, errors.variance(), 1e-12);
        assertEquals(StreamingLikelihood.Moments.EMPTY, back.signal(StreamingLikelihood.Signal.NEWEST_ERROR));
        assertEquals(StreamingLikelihood.Moments.EMPTY, back.signal(StreamingLikelihood.Signal.NEWEST_CHANGE));
        assertEquals(SeenRange.NONE, back.range());
        assertEquals(back, CalibrationStateMapper.fromBytes(v1), "the store's mapper reads it too");
    }

    @Test
    void unknownFormatIsRefused() {
        assertThrows(IllegalStateException.class, () -> LikelihoodStateMapper.fromBytes(new byte[] {7, 0, 0, 0}));
        assertThrows(IllegalStateException.class, () -> CalibrationStateMapper.fromBytes(new byte[] {7, 0, 0, 0}));
        assertThrows(IllegalStateException.class, () -> CalibrationStateMapper.fromBytes(new byte[0]));
    }

    @Test
    void aCorruptRangeIsRefused() {
        byte[] bytes = LikelihoodStateMapper.toBytes(sample());
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 8);
        assertThrows(IllegalStateException.class, () -> LikelihoodStateMapper.fromBytes(cut));
    }
}
