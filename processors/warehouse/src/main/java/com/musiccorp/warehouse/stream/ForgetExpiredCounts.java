package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.platform.streams.step.Steps;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;

/**
 * The SKU step's purge: every minute of wall-clock time, the counted receipt and correction ids whose
 * retention is over are forgotten ({@link CountedStockInputs#forgetExpired}, at most
 * {@value CountedStockInputs#FORGET_PER_ROUND} a round). Nothing is fed back: forgetting decides nothing.
 */
final class ForgetExpiredCounts implements Punctuations<StockInput, SkuStock> {

    /** How often expired receipt ids are forgotten (wall clock). */
    static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final Duration retention;

    ForgetExpiredCounts(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void schedule(ProcessingContext context, KeyValueStore<String, SkuStock> store,
            Steps<StockInput, SkuStock> steps) {
        CountedStockInputs counted = CountedStockInputs.of(context, retention);
        context.schedule(FORGET_EVERY, PunctuationType.WALL_CLOCK_TIME,
                now -> counted.forgetExpired(Instant.ofEpochMilli(now)));
    }
}
