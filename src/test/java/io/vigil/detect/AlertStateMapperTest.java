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

    private static final String GOLDEN_V1 = "alert-state-v1.json";
    private static final String GOLDEN_V2 = "alert-state-v2.json";
    private static final String GOLDEN_V2_COOLDOWN = "alert-state-v2-cooldown.json";

    private final AlertStateMapper mapper = new AlertStateMapper();

    private static AlertState.Open criticalAlert() {
        return new AlertState.Open("web-1-1732356900000", 1732356900000L, 1732357080000L,
                0.9995, "critical", List.of(new FeatureContribution("cpu", 0.75, "above"),
                        new FeatureContribution("mem", 0.25, "below")));
    }

    /** The state both alert golden files hold: an open critical alert after one earlier episode. */
    private static AlertState openAlert(int windowsScored) {
        return new AlertState(AlertState.FORMAT_VERSION, 4, 0, null, criticalAlert(), 2, 0, windowsScored);
    }

    private static AlertState pendingRun() {
        AlertState.Run run = new AlertState.Run(1732356900000L, 0.995,
                List.of(new FeatureContribution("cpu", 1.0, "above")));
        return new AlertState(AlertState.FORMAT_VERSION, 2, 0, run, null, 0, 0, 40);
    }

    /** The state of the cooldown golden file: three alerts so far, 17 windows of cooldown left. */
    private static AlertState inCooldown() {
        return new AlertState(AlertState.FORMAT_VERSION, 0, 6, null, null, 3, 17, 980);
    }

    @Test
    void statesSurviveARoundTrip() {
        for (AlertState state : List.of(AlertState.initial(), openAlert(4321), pendingRun(), inCooldown())) {
            assertEquals(state, mapper.fromBytes(mapper.toBytes(state)));
        }
    }

    @Test
    void formatMatchesTheGoldenFiles() throws IOException {
        assertGolden(GOLDEN_V2, openAlert(4321));
        assertGolden(GOLDEN_V2_COOLDOWN, inCooldown());
    }

    @Test
    void format1StillReadsWithNoCooldownAndPastAnyWarmUp() throws IOException {
        AlertState migrated = mapper.fromBytes(golden(GOLDEN_V1));
        assertEquals(openAlert(Integer.MAX_VALUE), migrated);
        assertEquals(0, migrated.cooldownRemaining());
        assertTrue(new String(mapper.toBytes(migrated), StandardCharsets.UTF_8).contains("\"formatVersion\":2"),
                "state read from format 1 is written back as format 2");
    }

    @Test
    void format1WithFormat2FieldsIsRefused() throws IOException {
        String mixed = new String(golden(GOLDEN_V1), StandardCharsets.UTF_8)
                .replace("\"alertsOpened\": 2", "\"alertsOpened\": 2, \"cooldownRemaining\": 3");
        assertTrue(mixed.contains("cooldownRemaining"), "golden file layout changed; fix this test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes(mixed.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("format 1 has no field \"cooldownRemaining\""), e.getMessage());
    }

    @Test
    void unknownFormatVersionIsRefusedWithAClearMessage() throws IOException {
        String future = new String(golden(GOLDEN_V2), StandardCharsets.UTF_8).replace("\"formatVersion\": 2", "\"formatVersion\": 3");
        assertTrue(future.contains("\"formatVersion\": 3"), "golden file layout changed; fix this test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes(future.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("format version 3 is not supported"), e.getMessage());
    }

    @Test
    void garbageUnknownMissingAndInconsistentFieldsAreRefused() throws IOException {
        for (String bad : List.of("{\"formatVersion\":2,\"anomalousRun\":2}", "not json", "[1]",
                "{\"formatVersion\":1,\"surprise\":true}", "{\"formatVersion\":1,\"anomalousRun\":2}")) {
            assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        String withoutWarmUpCount = new String(golden(GOLDEN_V2_COOLDOWN), StandardCharsets.UTF_8)
                .replace(",\n  \"windowsScored\": 980", "");
        assertTrue(!withoutWarmUpCount.contains("windowsScored"), "golden file layout changed; fix this test");
        assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes(withoutWarmUpCount.getBytes(StandardCharsets.UTF_8)),
                "a truncated format 2 must not read as a fresh series");
        String cooldownWhileOpen = new String(golden(GOLDEN_V2), StandardCharsets.UTF_8)
                .replace("\"cooldownRemaining\": 0", "\"cooldownRemaining\": 5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes(cooldownWhileOpen.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("cooldown"), e.getMessage());
    }

    private void assertGolden(String file, AlertState expected) throws IOException {
        byte[] golden = golden(file);
        assertEquals(expected, mapper.fromBytes(golden), file + " no longer reads as the same state");
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(golden), json.readTree(mapper.toBytes(expected)),
                "the stored format changed: bump AlertState.FORMAT_VERSION, add a new golden file, migrate the old format");
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = AlertStateMapperTest.class.getResourceAsStream(file)) {
            assertNotNull(in, "missing test resource " + file);
            return in.readAllBytes();
        }
    }
}
