package com.musiccorp.platform.streams;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * One memory budget for every RocksDB store of the process, the way Kafka Streams' memory guide
 * bounds it: a block cache shared by all stores, which also holds their index and filter blocks and
 * is charged for their memtables through one write buffer manager. Kafka Streams' default gives
 * each store instance (store × partition: 30 in the warehouse) its own 50 MB cache and three 16 MB
 * memtables, so native memory grew with partitions rather than with state.
 *
 * <p>Our states are small (a saga, an order's payment), read back mostly from Streams' record
 * cache, so a small shared budget costs no throughput.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /**
     * Everything RocksDB may hold in memory in this process: blocks, indexes, filters and memtables.
     * A block it does not hold is read from the file, usually from the page cache, which the
     * kernel shares and no process's RSS counts. 64 MB, not 96: in quick benchmark runs (to 200
     * orders/s) the contexts' process peaked 23 MB lower at the same rates; the stores' files were
     * about 240 MB after a full run, so a 96 MB cache filled whatever it was given.
     */
    static final long TOTAL_BYTES = 64L * 1024 * 1024;
    /** Of {@link #TOTAL_BYTES}, what memtables may take before RocksDB flushes them. */
    static final long MEMTABLE_BYTES = 32L * 1024 * 1024;
    /**
     * Small, because every store instance's active memtable holds at least one arena block
     * (an eighth of its size) against {@link #MEMTABLE_BYTES}: the shared process has over a hundred
     * instances, and with 4 MB memtables their empty blocks alone passed the budget, so the write
     * buffer manager flushed a memtable on nearly every write (770 SST files per store in 90 s) and
     * throughput fell from 100 to 25 orders/s. At 1 MB they hold 128 KB each.
     */
    private static final long MEMTABLE_SIZE = 1024L * 1024;
    private static final int MEMTABLES_PER_STORE = 2;
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1; // index and filter blocks

    // Shared by every store of the process, so never closed by one of them.
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, HIGH_PRIORITY_POOL_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager belong to every store of the process.
    }
}
