package io.vigil.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.train.report.ExampleWindowChart.HeaderLine;
import io.vigil.train.report.ReportData.Example;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExampleWindowChartTest {
    private static final int TEXT_WIDTH = Charts.WIDTH - 2 * ExampleWindowChart.MARGIN;

    private Graphics2D graphics;

    @BeforeEach
    void createGraphics() {
        graphics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    }

    @AfterEach
    void disposeGraphics() {
        graphics.dispose();
    }

    @Test
    void fitsTheWholeHeaderInTheImageWhenTheSeriesNameIsLong() {
        for (String series : List.of(SampleReport.LONG_SERIES, SampleReport.VERY_LONG_SERIES)) {
            Example example = SampleReport.example(new Random(1), 1, series, 0.3, "90th percentile error");

            List<HeaderLine> header = header(example);

            for (HeaderLine line : header) {
                int width = graphics.getFontMetrics(line.font()).stringWidth(line.text());
                assertTrue(width <= TEXT_WIDTH, "\"" + line.text() + "\" is " + width + " px wide");
            }
            assertTrue(header.get(0).text().startsWith("90th percentile error — "), header.get(0).text());
            assertEquals("2025-01-01T12:00:00Z — error " + Charts.format(example.error()), header.get(1).text(),
                    "start and error are shown in full");
        }
    }

    @Test
    void ellipsizesOnlyTheSeriesNameKeepingItsStartAndEnd() {
        Example example = SampleReport.example(new Random(1), 1, SampleReport.VERY_LONG_SERIES, 0.3, "worst");

        String title = header(example).get(0).text();

        assertTrue(title.startsWith("worst — realKnownCause/"), title);
        assertTrue(title.contains("…"), title);
        assertTrue(title.endsWith("sensor-2"), title);
    }

    @Test
    void keepsAShortSeriesNameWhole() {
        Example example = SampleReport.example(new Random(1), 1, "host-7", 0.3, "worst");

        assertEquals("worst — host-7", header(example).get(0).text());
    }

    private List<HeaderLine> header(Example example) {
        return ExampleWindowChart.header(example, 1, 1, graphics);
    }
}
