package io.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class LikelihoodStateMapperTest {
    static StreamingLikelihood.State sample() {
        StreamingLikelihood l = new StreamingLikelihood(4, 1, 2);
        StreamingLikelihood.State s = StreamingLikelihood.State.empty(4);
        for (double e : new double[] {0.1, 0.2, 0.3, 0.4, 0.5}) {
            s = l.update(s, e).next();
        }
        return s;
    }

    @Test
    void roundTripKeepsEveryField() {
        StreamingLikelihood.State s = sample();
        StreamingLikelihood.State back = LikelihoodStateMapper.fromBytes(LikelihoodStateMapper.toBytes(s));
        assertArrayEquals(s.ring(), back.ring());
        assertEquals(s.count(), back.count());
        assertEquals(s.head(), back.head());
        assertEquals(s.sum(), back.sum());
        assertEquals(s.sumSquares(), back.sumSquares());
    }

    /** Format 1 bytes committed to the repository: this release must keep reading them. */
    @Test
    void goldenFormat1StillReads() throws Exception {
        Path golden = Path.of("src/test/resources/io/vigil/detect/likelihood-state-v1.hex");
        String hex = HexFormat.of().formatHex(LikelihoodStateMapper.toBytes(sample()));
        if (!Files.exists(golden)) {
            Files.writeString(golden, hex + "\n");
        }
        StreamingLikelihood.State back = LikelihoodStateMapper.fromBytes(HexFormat.of().parseHex(Files.readString(golden).trim()));
        assertEquals(4, back.count());
        assertEquals(1, back.head());
        assertEquals(hex, Files.readString(golden).trim(), "format 1 encoding is unchanged");
    }

    @Test
    void unknownFormatIsRefused() {
        assertThrows(IllegalStateException.class, () -> LikelihoodStateMapper.fromBytes(new byte[] {7, 0, 0, 0}));
    }
}
