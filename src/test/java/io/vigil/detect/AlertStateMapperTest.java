package io.vigil.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertStateMapperTest {

    private static final String GOLDEN = "alert-state-v1.json";

    private final AlertStateMapper mapper = new AlertStateMapper();

    /** The state the golden file holds: an open critical alert after one earlier episode. */
    private static AlertState openAlert() {
        AlertState.Open open = new AlertState.Open("web-1-1732356900000", 1732356900000L, 1732357080000L,
                0.9995, "critical", List.of(new FeatureContribution("cpu", 0.75, "above"),
                        new FeatureContribution("mem", 0.25, "below")));
        return new AlertState(1, 4, 0, null, open, 2);
    }

    private static AlertState pendingRun() {
        AlertState.Run run = new AlertState.Run(1732356900000L, 0.995,
                List.of(new FeatureContribution("cpu", 1.0, "above")));
        return new AlertState(1, 2, 0, run, null, 0);
    }

    @Test
    void statesSurviveARoundTrip() {
        for (AlertState state : List.of(AlertState.initial(), openAlert(), pendingRun())) {
            assertEquals(state, mapper.fromBytes(mapper.toBytes(state)));
        }
    }

    @Test
    void formatMatchesTheGoldenFile() throws IOException {
        byte[] golden = golden();
        assertEquals(openAlert(), mapper.fromBytes(golden), "golden file no longer reads as the same state");
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(golden), json.readTree(mapper.toBytes(openAlert())),
                "the stored format changed: bump AlertState.FORMAT_VERSION and add a new golden file");
    }

    @Test
    void unknownFormatVersionIsRefusedWithAClearMessage() throws IOException {
        String future = new String(golden(), StandardCharsets.UTF_8).replace("\"formatVersion\": 1", "\"formatVersion\": 2");
        assertTrue(future.contains("\"formatVersion\": 2"), "golden file layout changed; fix this test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes(future.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("format version 2 is not supported"), e.getMessage());
    }

    @Test
    void garbageUnknownAndMissingFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes(
                "{\"formatVersion\":1,\"anomalousRun\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes(
                "{\"formatVersion\":1,\"surprise\":true}".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = AlertStateMapperTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, "missing test resource " + GOLDEN);
            return in.readAllBytes();
        }
    }
}
