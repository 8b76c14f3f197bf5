package io.vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.encode.LatentWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil latents} on a file written by {@link LatentWriter}: three labelled clusters as reference
 * rows 0..29, and 20 query rows 100..119 of which 3 lie in another label's cluster, so 17 of 20 (85%) are
 * labelled right; the projection picture is written; bad usage and bad files exit 2 naming what is wrong.
 */
class LatentsCommandTest {
    @TempDir
    Path dir;

    private Path clusters(String name) throws Exception {
        Path file = dir.resolve(name);
        float[][] centers = {{0, 0, 1}, {10, 0, 1}, {0, 10, 1}};
        Random r = new Random(3);
        try (LatentWriter w = LatentWriter.open(file, true)) {
            for (int row : java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 30),
                    java.util.stream.IntStream.range(100, 120)).toArray()) {
                int k = row % 3;
                int at = row >= 100 && row < 109 && k == 1 ? 2 : k; // rows 100, 103, 106 are labelled 1 but lie in 2
                float[] z = new float[3];
                for (int j = 0; j < 3; j++) {
                    z[j] = centers[at][j] + (float) r.nextGaussian();
                }
                w.write(Integer.toString(row), Integer.toString(k), z);
            }
        }
        return file;
    }

    @Test
    void printsNearestNeighbourAccuracyAndDrawsTheProjection() throws Exception {
        for (String name : new String[] {"latents.csv", "latents.jsonl"}) {
            Path png = dir.resolve(name + ".png");
            CliRunner.Run run = CliRunner.run("latents", "--latents", clusters(name).toString(), "--reference-rows", "0:30",
                    "--query-rows", "100:120", "--projection", png.toString(), "--label-name", "0=zero,1=one");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("accuracy: 85.00% (17 of 20 query rows in 100:120 labelled right by 30 reference rows in 0:30)"),
                    run.out());
            assertTrue(run.out().contains("per label: zero 100.0% one 57.1% 2 100.0%"), run.out());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(900, img.getWidth());
            assertEquals(700, img.getHeight());
        }
    }

    @Test
    void badFilesAndUsageExitTwoSayingWhat() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "id,z0,z1,label\n0,1.5,2,a\n1,1.5,x,b\n");
        CliRunner.Run cell = CliRunner.run("latents", "--latents", bad.toString(), "--projection", dir.resolve("p.png").toString());
        assertEquals(2, cell.exitCode(), cell.err());
        assertTrue(cell.err().contains("line 3 of bad.csv") && cell.err().contains("\"z1\" is \"x\""), cell.err());

        Path file = clusters("ok.csv");
        CliRunner.Run overlap = CliRunner.run("latents", "--latents", file.toString(), "--reference-rows", "0:110", "--query-rows", "100:120");
        assertEquals(2, overlap.exitCode(), overlap.err());
        assertTrue(overlap.err().contains("overlap"), overlap.err());

        CliRunner.Run half = CliRunner.run("latents", "--latents", file.toString(), "--reference-rows", "0:30");
        assertEquals(2, half.exitCode(), half.err());
        assertTrue(half.err().contains("--query-rows"), half.err());

        CliRunner.Run empty = CliRunner.run("latents", "--latents", file.toString(), "--reference-rows", "0:30", "--query-rows", "200:300");
        assertEquals(2, empty.exitCode(), empty.err());
        assertTrue(empty.err().contains("no latent has a row in --query-rows 200:300"), empty.err());

        Path windows = Files.writeString(dir.resolve("w.csv"), "id,z0,label\nhost-1@1700000000000,0.5,a\n");
        CliRunner.Run ids = CliRunner.run("latents", "--latents", windows.toString(), "--reference-rows", "0:1", "--query-rows", "1:2");
        assertEquals(2, ids.exitCode(), ids.err());
        assertTrue(ids.err().contains("\"host-1@1700000000000\" is not a row number"), ids.err());
        assertFalse(ids.err().contains("\tat "), ids.err());
    }
}
