package io.vigil.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.InputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sequence files, CSV (gzipped or not) and JSON lines, read into row-major sequences by row range. */
class SequenceReaderTest {
    private static final SequenceReader.Options TWO_BY_THREE = new SequenceReader.Options(2, 3, "label");

    @TempDir
    Path dir;

    /** Row r holds label r % 10 and values r*10 + 0..5. */
    private Path gzipCsv(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("label,p0,p1,p2,p3,p4,p5\n");
        for (int r = 0; r < rows; r++) {
            sb.append(r % 10);
            for (int i = 0; i < 6; i++) {
                sb.append(',').append(r * 10 + i);
            }
            sb.append(r % 2 == 0 ? "\n" : "\r\n");
        }
        Path file = dir.resolve("seq.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void gzipCsvRowsGoToTheirRangesRowMajorWithLabels() throws Exception {
        SequenceTrainingRequest split = new SequenceTrainingRequest(gzipCsv(10), TWO_BY_THREE, new RowRange(3, 8), new RowRange(0, 2), null);
        Sequences[] groups = SequenceReader.read(split.file(), TWO_BY_THREE, 2, split::groupOf, split.rowsNeeded());
        Sequences train = groups[0];
        Sequences val = groups[1];
        assertEquals(5, train.count());
        assertArrayEquals(new int[] {3, 4, 5, 6, 7}, train.rows());
        assertArrayEquals(new int[] {0, 1}, val.rows());
        assertArrayEquals(new float[] {30, 31, 32, 33, 34, 35}, train.windows().window(0), "step 0 = p0..p2, step 1 = p3..p5");
        assertEquals("7", train.labels()[4]);
        assertEquals(2, train.windows().window());
        assertEquals(3, train.windows().features());
    }

    @Test
    void decimalsAndExponentsParseLikeTheJdk() throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), "a,b,c,d\n0.5,-1.25,3e2,+7\n\n1.000000000000000000001,0,0,.5\n");
        Sequences s = SequenceReader.read(file, new SequenceReader.Options(2, 2, null), 1, r -> 0, 0)[0];
        assertArrayEquals(new float[] {0.5f, -1.25f, 300f, 7f, 1f, 0f, 0f, 0.5f}, s.data());
        assertNull(s.labels());
    }

    @Test
    void aBadCellNamesFileLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "label,p0,p1,p2,p3,p4,p5\n1,1,2,3,4,5,6\n2,1,2,x7,4,5,6\n");
        InputException e = assertThrows(InputException.class, () -> SequenceReader.read(file, TWO_BY_THREE, 1, r -> 0, 0));
        assertTrue(e.getMessage().contains("line 3 of bad.csv") && e.getMessage().contains("\"p2\"") && e.getMessage().contains("x7"),
                e.getMessage());
    }

    @Test
    void aWrongColumnCountSuggestsTheLabelColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("w.csv"), "label,p0,p1,p2,p3,p4,p5\n1,1,2,3,4,5,6\n");
        InputException e = assertThrows(InputException.class,
                () -> SequenceReader.read(file, new SequenceReader.Options(2, 3, null), 1, r -> 0, 0));
        assertTrue(e.getMessage().contains("line 1 of w.csv") && e.getMessage().contains("--label-column"), e.getMessage());
    }

    @Test
    void rangesPastTheEndOfTheFileAreAnError() throws Exception {
        InputException e = assertThrows(InputException.class, () -> SequenceReader.read(gzipCsv(4), TWO_BY_THREE, 1, r -> 0, 9));
        assertTrue(e.getMessage().contains("has 4 data rows"), e.getMessage());
    }

    @Test
    void jsonLinesSequencesAndTheirErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("s.jsonl"), "{\"sequence\": [[1,2,3],[4,5,6]], \"label\": \"shirt\"}\n\n"
                + "{\"sequence\": [[7,8,9],[10,11,12]]}\n");
        Sequences s = SequenceReader.read(file, TWO_BY_THREE, 1, r -> 0, 0)[0];
        assertEquals(2, s.count());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, s.data());
        assertEquals("shirt", s.labels()[0]);

        Path bad = Files.writeString(dir.resolve("b.jsonl"), "{\"sequence\": [[1,2,3],[4,\"x\",6]]}\n");
        InputException e = assertThrows(InputException.class, () -> SequenceReader.read(bad, TWO_BY_THREE, 1, r -> 0, 0));
        assertTrue(e.getMessage().contains("line 1 of b.jsonl") && e.getMessage().contains("\"sequence\"[1][1]"), e.getMessage());
    }

    @Test
    void shorterJsonSequencesArePaddedWithZerosAndKeepTheirLengths() throws Exception {
        SequenceReader.Options upToFour = new SequenceReader.Options(4, 2, null);
        Path file = Files.writeString(dir.resolve("v.jsonl"), "{\"sequence\": [[5,6],[7,8],[9,10],[11,12]]}\n"
                + "{\"sequence\": [[13,14]]}\n"
                + "{\"sequence\": [[15,16],[17,18],[19,20]]}\n");
        Sequences s = SequenceReader.read(file, upToFour, 1, r -> 0, 0)[0];
        assertArrayEquals(new int[] {4, 1, 3}, s.lengths());
        assertTrue(s.padded());
        // The second row is read after a full one: its padding must be zeros, not the previous row's values.
        assertArrayEquals(new float[] {13, 14, 0, 0, 0, 0, 0, 0}, s.windows().window(1));
        assertArrayEquals(new float[] {15, 16, 17, 18, 19, 20, 0, 0}, s.windows().window(2));
        assertArrayEquals(new int[] {4, 1, 3}, s.windows().lengths());
        FeatureStats stats = s.stats();
        assertEquals(8, stats.count(), "padding is not data");
        assertArrayEquals(new double[] {5, 6}, stats.min());
        assertArrayEquals(new double[] {19, 20}, stats.max());
    }

    @Test
    void fullLengthFilesHaveNoLengthsForTheTrainer() throws Exception {
        Sequences s = SequenceReader.read(gzipCsv(3), TWO_BY_THREE, 1, r -> 0, 0)[0];
        assertArrayEquals(new int[] {2, 2, 2}, s.lengths());
        assertNull(s.windows().lengths(), "full windows, as time series");
    }

    @Test
    void tooLongEmptyOrRaggedJsonSequencesNameLineAndField() throws Exception {
        Path file = Files.writeString(dir.resolve("long.jsonl"), "{\"sequence\": [[1,2,3]]}\n{\"sequence\": [[1,2,3],[4,5,6],[7,8,9]]}\n");
        InputException tooLong = assertThrows(InputException.class, () -> SequenceReader.read(file, TWO_BY_THREE, 1, r -> 0, 0));
        assertTrue(tooLong.getMessage().contains("line 2 of long.jsonl") && tooLong.getMessage().contains("has 3 steps, more than --steps 2"),
                tooLong.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "{\"sequence\": []}\n");
        InputException none = assertThrows(InputException.class, () -> SequenceReader.read(empty, TWO_BY_THREE, 1, r -> 0, 0));
        assertTrue(none.getMessage().contains("line 1 of empty.jsonl") && none.getMessage().contains("\"sequence\" is empty"),
                none.getMessage());

        Path ragged = Files.writeString(dir.resolve("ragged.jsonl"), "{\"sequence\": [[1,2,3],[4,5]]}\n");
        InputException features = assertThrows(InputException.class, () -> SequenceReader.read(ragged, TWO_BY_THREE, 1, r -> 0, 0));
        assertTrue(features.getMessage().contains("line 1 of ragged.jsonl") && features.getMessage().contains("\"sequence\"[1]")
                && features.getMessage().contains("expected an array of 3 numbers"), features.getMessage());
    }
}
