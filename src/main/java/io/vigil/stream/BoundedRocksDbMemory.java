package io.vigil.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in the process by one budget, as Kafka Streams' "Bounding
 * memory usage" recipe does: all stores share one LRU block cache, their memtables are counted against that cache
 * through one {@link WriteBufferManager}, and index and filter blocks live in the cache at high priority instead of
 * beside it. Kafka Streams creates one instance per store, so the budget travels in the Streams config
 * ({@link Budget#streamsConfig()}) and the shared objects are kept per budget for the life of the JVM: {@link #close}
 * must not close them while other stores still use them, and stores of a restarted topology use them again.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Streams config entry carrying {@link Budget#maxBytes()} to each instance. */
    public static final String MAX_BYTES_CONFIG = "vigil.rocksdb.memory.max.bytes";
    /** Streams config entry carrying {@link Budget#writeBufferRatio()} to each instance. */
    public static final String WRITE_BUFFER_RATIO_CONFIG = "vigil.rocksdb.memory.write.buffer.ratio";
    /**
     * The smallest budget: one memtable at Kafka Streams' default {@code write_buffer_size}. Anything smaller is
     * almost surely a size written in MiB where bytes were meant, and would flush on nearly every write.
     */
    public static final long MIN_BYTES = 16L << 20;
    /** Share of the cache kept for index and filter blocks, so data blocks do not evict them (RocksDB's and Flink's choice). */
    static final double HIGH_PRIORITY_POOL_RATIO = 0.1;
    /** Let RocksDB pick the number of cache shards from the capacity. */
    private static final int DEFAULT_SHARD_BITS = -1;
    /**
     * Not strict: with memtables charged to the cache, a strict limit makes reads and iterators fail with
     * "Incomplete" once memtables fill it (facebook/rocksdb#6247, noted in Kafka's memory-management guide).
     */
    private static final boolean STRICT_CAPACITY_LIMIT = false;

    private static final Map<Budget, SharedMemory> SHARED = new ConcurrentHashMap<>();

    /**
     * The memory all RocksDB stores of the process may use together, and the share of it memtables may take.
     *
     * @param maxBytes         block cache, index and filter blocks and memtables together, at least {@link #MIN_BYTES}
     * @param writeBufferRatio the share of {@code maxBytes} memtables may fill before RocksDB flushes them, in (0, 1)
     */
    public record Budget(long maxBytes, double writeBufferRatio) {
        public Budget {
            if (maxBytes < MIN_BYTES) {
                throw new IllegalArgumentException("RocksDB memory budget " + maxBytes + " bytes is below the minimum " + MIN_BYTES);
            }
            if (!(writeBufferRatio > 0 && writeBufferRatio < 1)) {
                throw new IllegalArgumentException("write buffer ratio " + writeBufferRatio + " is not between 0 and 1 exclusive");
            }
        }

        /** The memtables' share in bytes. */
        public long writeBufferBytes() {
            return (long) (maxBytes * writeBufferRatio);
        }

        /** The Streams config entries that make every store of a topology use this budget. */
        public Map<String, Object> streamsConfig() {
            return Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class,
                    MAX_BYTES_CONFIG, maxBytes, WRITE_BUFFER_RATIO_CONFIG, writeBufferRatio);
        }

        static Budget from(Map<String, Object> configs) {
            try {
                return new Budget(number(configs, MAX_BYTES_CONFIG).longValue(), number(configs, WRITE_BUFFER_RATIO_CONFIG).doubleValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + "; build the Streams config with BoundedRocksDbMemory.Budget.streamsConfig()");
            }
        }

        private static Number number(Map<String, Object> configs, String key) {
            Object value = configs.get(key);
            if (value instanceof Number n) {
                return n;
            }
            if (value instanceof String s) {
                try {
                    return Double.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            throw new ConfigException(key, value, "expected a number set by BoundedRocksDbMemory.Budget.streamsConfig()");
        }
    }

    /** The cache and write buffer manager every store under one budget shares. */
    private record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {
        static SharedMemory of(Budget budget) {
            Cache cache = new LRUCache(budget.maxBytes(), DEFAULT_SHARD_BITS, STRICT_CAPACITY_LIMIT, HIGH_PRIORITY_POOL_RATIO);
            return new SharedMemory(cache, new WriteBufferManager(budget.writeBufferBytes(), cache));
        }
    }

    /** Kafka Streams instantiates the setter reflectively, once per store. */
    public BoundedRocksDbMemory() {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SharedMemory shared = SHARED.computeIfAbsent(Budget.from(configs), SharedMemory::of);
        // Kafka Streams reads the block cache back from this very table config for its metrics: change it, never replace it.
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store under the budget: they outlive any one store.
    }
}
