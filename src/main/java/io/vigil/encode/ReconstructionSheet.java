package io.vigil.encode;

import io.vigil.score.ScoreBatch;
import io.vigil.score.Scorer;
import io.vigil.train.Sequences;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws sequences as grey-level images (a step per pixel row, a feature per column) with the model's
 * reconstructions: originals in the top row, reconstructions below, for the first {@code n} sequences.
 * Values are mapped from {@code [0, max]} to black..white, as pixels are; a padded sequence's padding
 * is zero in both rows, so black.
 */
public final class ReconstructionSheet {
    /** Screen pixels per sequence value. */
    static final int ZOOM = 4;
    static final int GAP = 6;
    static final int LABEL_HEIGHT = 16;

    private ReconstructionSheet() {
    }

    public static void write(Scorer scorer, Sequences seqs, int n, float max, Path png) throws IOException {
        int count = Math.min(n, seqs.count());
        int size = seqs.steps() * seqs.features();
        float[] batch = new float[count * size];
        System.arraycopy(seqs.data(), 0, batch, 0, batch.length);
        ScoreBatch scores = scorer.score(batch, java.util.Arrays.copyOf(seqs.lengths(), count), count);
        int cellW = seqs.features() * ZOOM;
        int cellH = seqs.steps() * ZOOM;
        int width = GAP + count * (cellW + GAP);
        int height = LABEL_HEIGHT + 2 * (cellH + GAP) + GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            for (int i = 0; i < count; i++) {
                int x = GAP + i * (cellW + GAP);
                String caption = "row " + seqs.rows()[i] + (seqs.labels() == null ? "" : " (" + seqs.labels()[i] + ")");
                g.drawString(caption, x, LABEL_HEIGHT - 4);
                draw(img, seqs.data(), i * size, seqs, max, x, LABEL_HEIGHT);
                draw(img, scores.reconstruction(), i * size, seqs, max, x, LABEL_HEIGHT + cellH + GAP);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static void draw(BufferedImage img, float[] values, int offset, Sequences s, float max, int x0, int y0) {
        for (int t = 0; t < s.steps(); t++) {
            for (int f = 0; f < s.features(); f++) {
                float v = Math.max(0f, Math.min(1f, values[offset + t * s.features() + f] / max));
                int grey = Math.round(v * 255);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < ZOOM; dy++) {
                    for (int dx = 0; dx < ZOOM; dx++) {
                        img.setRGB(x0 + f * ZOOM + dx, y0 + t * ZOOM + dy, rgb);
                    }
                }
            }
        }
    }
}
