package com.musiccorp.loyalty.stream;

import com.musiccorp.events.PointsAwarded;
import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.CustomerBalanceDecider;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Optional;

/**
 * The customer side (key: customer id): a {@link CreditPoints} read from the {@code credits}
 * repartition topic is decided against the customer's {@link CustomerBalance} in
 * {@code customer-balance-store}. Each {@code PointsAwarded} is forwarded keyed by its ORDER id,
 * because loyalty.events is order-keyed like every saga topic. A redelivered credit decides nothing.
 */
final class CustomerBalanceStep {

    private CustomerBalanceStep() {
    }

    static Step<CreditPoints, CreditPoints, PointsAwarded, CustomerBalance, SpecificRecord> of(
            CustomerBalanceDecider decider) {
        return Step.of(LoyaltyTopology.CUSTOMER_BALANCE_STORE, decider, INPUTS,
                (customerId, award) -> List.of(Output.<SpecificRecord>event(award.getOrderId(), award)));
    }

    private static final Inputs<CreditPoints, CreditPoints> INPUTS = Inputs.of(Optional::ofNullable, CreditPoints::customerId);
}
