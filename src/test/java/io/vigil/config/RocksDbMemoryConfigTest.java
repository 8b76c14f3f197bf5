package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.cli.CliRunner;
import io.vigil.stream.BoundedRocksDbMemory;
import io.vigil.telemetry.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rocksdb.memory.*}: the RocksDB budget reaches Kafka Streams only when set, and bad values name their key. */
class RocksDbMemoryConfigTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void unsetLeavesKafkaStreamsRocksDbDefaultsAlone() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir), Map.of());

        assertEquals(Optional.empty(), c.rocksDbMemory());
        Properties streams = c.streamsProperties();
        assertFalse(streams.containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
        assertFalse(streams.containsKey(BoundedRocksDbMemory.MAX_BYTES_CONFIG));
    }

    @Test
    void aBudgetInstallsTheSharedSetterAndHandsItTheSizes() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir, "rocksdb.memory.max.bytes=268435456"), Map.of());

        assertEquals(Optional.of(new BoundedRocksDbMemory.Budget(256 * MIB, 0.5)), c.rocksDbMemory());
        assertEquals(128 * MIB, c.rocksDbMemory().orElseThrow().writeBufferBytes());
        Properties streams = c.streamsProperties();
        assertEquals(BoundedRocksDbMemory.class, streams.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
        assertEquals(256 * MIB, streams.get(BoundedRocksDbMemory.MAX_BYTES_CONFIG));
        assertEquals(0.5, streams.get(BoundedRocksDbMemory.WRITE_BUFFER_RATIO_CONFIG));
    }

    @Test
    void environmentSetsBothKeysAndSizesBeyondTwoGibibytesFit() {
        VigilConfig c = VigilConfig.load(ConfigFiles.write(dir), Map.of("VIGIL_ROCKSDB_MEMORY_MAX_BYTES", "4294967296",
                "VIGIL_ROCKSDB_MEMORY_WRITE_BUFFER_RATIO", "0.25"));

        assertEquals(Optional.of(new BoundedRocksDbMemory.Budget(4096 * MIB, 0.25)), c.rocksDbMemory());
    }

    @Test
    void badValuesAreReportedTogetherNamingTheKey() {
        Path file = ConfigFiles.write(dir, "rocksdb.memory.max.bytes=256MB", "rocksdb.memory.write.buffer.ratio=1");

        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of()));

        List<String> lines = e.getMessage().lines().toList();
        assertEquals(List.of("rocksdb.memory.max.bytes = \"256MB\" (from vigil.properties): expected a size of at least 16MiB, in"
                        + " bytes or with a unit KiB, MiB or GiB, such as 256MiB or 268435456; empty = unbounded",
                "rocksdb.memory.write.buffer.ratio = \"1\" (from vigil.properties): expected a fraction greater than 0 and less than 1,"
                        + " such as 0.5"), lines);
    }

    @Test
    void aBudgetWrittenInMebibytesInsteadOfBytesIsRefused() {
        InputException e = assertThrows(InputException.class,
                () -> VigilConfig.load(ConfigFiles.write(dir), Map.of("VIGIL_ROCKSDB_MEMORY_MAX_BYTES", "256")));

        assertTrue(e.getMessage().startsWith("rocksdb.memory.max.bytes = \"256\" (from env VIGIL_ROCKSDB_MEMORY_MAX_BYTES):"
                + " expected a size of at least 16MiB"), e.getMessage());
    }

    @Test
    void aBudgetTakesBinaryUnits() {
        for (String[] ok : new String[][] {{"256MiB", "268435456"}, {"1GiB", "1073741824"}, {"16384KiB", "16777216"},
            {"268435456", "268435456"}, {"3 GiB", "3221225472"}}) {
            VigilConfig c = VigilConfig.load(ConfigFiles.write(dir, "rocksdb.memory.max.bytes=" + ok[0]), Map.of());
            assertEquals(Long.parseLong(ok[1]), c.rocksDbMemory().orElseThrow().maxBytes(), ok[0]);
        }
        for (String bad : new String[] {"1.5GiB", "256mb", "256M", "-1MiB", "99999999999GiB", "8MiB"}) {
            InputException e = assertThrows(InputException.class,
                    () -> VigilConfig.load(ConfigFiles.write(dir, "rocksdb.memory.max.bytes=" + bad), Map.of()), bad);
            assertTrue(e.getMessage().startsWith("rocksdb.memory.max.bytes = \"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void aBudgetBesideAnotherRocksDbConfigSetterIsRefusedNamingBoth() {
        Path file = ConfigFiles.write(dir, "rocksdb.memory.max.bytes=268435456",
                "kafka.rocksdb.config.setter=com.example.TunedRocksDb");

        InputException e = assertThrows(InputException.class, () -> VigilConfig.load(file, Map.of()));

        assertEquals("rocksdb.memory.max.bytes = \"268435456\" (from vigil.properties): expected no value while"
                + " kafka.rocksdb.config.setter is set: Kafka Streams takes one RocksDB config setter; bound the memory in that"
                + " class, or remove kafka.rocksdb.config.setter", e.getMessage());
    }

    @Test
    void vigilRunExitsTwoNamingTheBadKeyBeforeConnecting() {
        Path file = ConfigFiles.write(dir, "rocksdb.memory.write.buffer.ratio=half");

        CliRunner.Run run = CliRunner.run("run", "--config", file.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("rocksdb.memory.write.buffer.ratio = \"half\" (from vigil.properties)"), run.err());
    }
}
