package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.platform.streams.StreamsRuntime;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a customer's balance from {@code customer-balance-store} (interactive queries), or says it
 * cannot. The query names the customer's partition of the {@code credits} topic, so a partition
 * being restored or living elsewhere is {@link StoreNotReady} (a 503), never "unknown customer".
 */
public final class BalanceQueries {

    private final StreamsRuntime runtime;

    public BalanceQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    public boolean isReady() {
        return runtime.isReady();
    }

    /** The customer's balance; empty when no points were ever credited to the customer. */
    public Optional<CustomerBalance> find(String customerId) {
        if (!runtime.isReady()) {
            throw new StoreNotReady("the balance store is not ready (Kafka Streams is " + runtime.state() + ")");
        }
        try {
            ReadOnlyKeyValueStore<String, CustomerBalance> store = runtime.streams().store(StoreQueryParameters
                    .fromNameAndType(LoyaltyTopology.CUSTOMER_BALANCE_STORE,
                            QueryableStoreTypes.<String, CustomerBalance>keyValueStore())
                    .withPartition(partitionOf(customerId)));
            return Optional.ofNullable(store.get(customerId));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady("the balance store cannot be read right now: " + e.getMessage());
        }
    }

    /** The partition the default partitioner puts this customer id in on the credits topic. */
    static int partitionOf(String customerId) {
        byte[] key = customerId.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % LoyaltyTopology.CREDIT_PARTITIONS;
    }

    /** The store cannot answer now; the caller should retry shortly (HTTP 503 with Retry-After). */
    public static final class StoreNotReady extends RuntimeException {
        public StoreNotReady(String message) {
            super(message);
        }
    }
}
