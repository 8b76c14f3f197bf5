package io.vigil.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.style.XYStyler;

class LossChartTest {
    @Test
    void spansTheEpochAxisFromTheFirstToTheLastEpochTrained() {
        ReportData data = SampleReport.data("cpu", List.of("cpu"), 13, true);

        XYStyler styler = LossChart.build(data).getStyler();

        // Padding the axis to 0.5 made XChart put a tick at epoch 0, which never ran.
        assertEquals(1.0, styler.getXAxisMin());
        assertEquals(13.0, styler.getXAxisMax());
    }
}
