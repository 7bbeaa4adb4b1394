package com.musiccorp.platform.streams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget holds as many store instances as the shared process opens without flushing: a
 * memtable is written to disk when it is full or the budget is, never because empty memtables
 * already fill it (what cut throughput to a quarter once).
 */
class BoundedRocksDbMemoryTest {

    /** More than the shared process's store instances (114 with six partitions per topic). */
    private static final int STORE_INSTANCES = 160;

    @TempDir
    Path dir;

    @Test
    void storesOfTheSharedProcessWriteWithoutFlushingTheirFewRecords() throws Exception {
        RocksDB.loadLibrary();
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        List<Options> options = new ArrayList<>();
        List<RocksDB> stores = new ArrayList<>();
        try (WriteOptions noWal = new WriteOptions().setDisableWAL(true)) { // as Kafka Streams writes
            for (int i = 0; i < STORE_INSTANCES; i++) {
                // Kafka Streams hands the setter options that already carry a block-based table format.
                Options o = new Options().setCreateIfMissing(true).setTableFormatConfig(new BlockBasedTableConfig());
                setter.setConfig("store-" + i, o, new HashMap<>());
                options.add(o);
                stores.add(RocksDB.open(o, dir.resolve("store-" + i).toString()));
            }
            byte[] value = new byte[300];
            for (int round = 0; round < 50; round++) {
                for (RocksDB store : stores) {
                    store.put(noWal, ("order-" + round).getBytes(StandardCharsets.UTF_8), value);
                }
            }
            assertThat(sstFiles())
                    .as("8,000 records of 300 bytes (2.4 MB) over %d stores fit in memory", STORE_INSTANCES)
                    .isZero();
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(o -> setter.close("", o));
            options.forEach(Options::close);
        }
    }

    private long sstFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".sst")).count();
        }
    }
}
