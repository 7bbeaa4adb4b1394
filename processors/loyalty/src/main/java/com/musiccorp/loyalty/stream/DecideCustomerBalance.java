package com.musiccorp.loyalty.stream;

import com.musiccorp.events.PointsAwarded;
import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.CustomerBalanceDecider;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * The customer side (key: customer id): a {@link CreditPoints} read from the {@code credits}
 * repartition topic is decided against the customer's {@link CustomerBalance} in
 * {@code customer-balance-store}; each {@code PointsAwarded} is folded in and forwarded keyed by
 * its ORDER id (loyalty.events is order-keyed). A redelivered credit decides nothing.
 */
final class DecideCustomerBalance implements Processor<String, CreditPoints, String, SpecificRecord> {

    private final CustomerBalanceDecider decider;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CustomerBalance> balances;

    DecideCustomerBalance(CustomerBalanceDecider decider) {
        this.decider = decider;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.balances = context.getStateStore(LoyaltyTopology.CUSTOMER_BALANCE_STORE);
    }

    @Override
    public void process(Record<String, CreditPoints> record) {
        CreditPoints credit = record.value();
        if (credit == null) {
            return;
        }
        if (!credit.customerId().equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the credit's customer id '"
                    + credit.customerId() + "'");
        }
        CustomerBalance state = balances.get(credit.customerId());
        if (state == null) {
            state = decider.initialState();
        }
        List<PointsAwarded> awards = decider.decide(credit, state);
        if (awards.isEmpty()) {
            return; // this order was already credited
        }
        balances.put(credit.customerId(), decider.evolveAll(state, awards));
        for (PointsAwarded award : awards) {
            context.forward(new Record<>(award.getOrderId(), (SpecificRecord) award,
                    EventHeaders.metadataOf(award).getOccurredAt().toEpochMilli(), EventHeaders.of(award)));
        }
    }
}
