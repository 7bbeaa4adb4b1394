package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.sagastatus.domain.TransitionStats;

import java.util.ArrayList;
import java.util.List;

/** A transition's statistics in {@code transitions-store}, compact (layout 1): written on every event folded. */
final class TransitionStatsCodec implements CompactCodec<TransitionStats> {

    @Override
    public int expectedSize() {
        return 96;
    }

    @Override
    public void write(TransitionStats stats, CompactWriter out) {
        out.writeString(stats.from()).writeString(stats.to()).writeLong(stats.count())
                .writeLong(stats.minMillis()).writeLong(stats.maxMillis());
        out.writeCount(stats.buckets().size());
        stats.buckets().forEach(out::writeLong);
    }

    @Override
    public TransitionStats read(CompactReader in, int version) {
        String from = in.readString();
        String to = in.readString();
        long count = in.readLong();
        long min = in.readLong();
        long max = in.readLong();
        int size = in.readCount();
        List<Long> buckets = new ArrayList<>(size);
        for (int i = 0; i < size; i++) buckets.add(in.readLong());
        return new TransitionStats(from, to, count, min, max, buckets);
    }
}
