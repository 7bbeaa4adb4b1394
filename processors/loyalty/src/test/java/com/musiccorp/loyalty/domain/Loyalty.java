package com.musiccorp.loyalty.domain;

import com.musiccorp.events.PointsAwarded;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Both aggregates wired the way the topology wires them, in memory: dispatches keyed by order id go
 * to {@link OrderPointsDecider}; each {@link CreditPoints} it decides is re-keyed by customer id and
 * goes to {@link CustomerBalanceDecider}. Keeps every recorded fact, so a test can fold them.
 */
final class Loyalty {

    final OrderPointsDecider orderDecider = new OrderPointsDecider();
    final CustomerBalanceDecider balanceDecider = new CustomerBalanceDecider();

    final Map<String, OrderPoints> orders = new HashMap<>();
    final Map<String, List<OrderFact>> orderFacts = new HashMap<>();
    final Map<String, CustomerBalance> balances = new HashMap<>();
    final Map<String, List<PointsAwarded>> balanceFacts = new HashMap<>();
    /** Everything written to loyalty.events, in order. */
    final List<SpecificRecord> published = new ArrayList<>();

    /** Feeds the inputs in order; returns what they published to loyalty.events. */
    List<SpecificRecord> given(OrderInput... inputs) {
        List<SpecificRecord> out = new ArrayList<>();
        for (OrderInput input : inputs) {
            OrderPoints state = order(input.orderId());
            List<OrderFact> facts = orderDecider.decide(input, state, Events.DECIDED_AT);
            orders.put(input.orderId(), orderDecider.evolveAll(state, facts));
            orderFacts.computeIfAbsent(input.orderId(), k -> new ArrayList<>()).addAll(facts);
            for (OrderFact fact : facts) {
                switch (fact) {
                    case OrderFact.Published p -> out.add(p.event());
                    case CreditPoints credit -> out.addAll(credit(credit));
                }
            }
        }
        published.addAll(out);
        return out;
    }

    /** What the customer side does with one (possibly redelivered) credit request. */
    List<PointsAwarded> credit(CreditPoints credit) {
        CustomerBalance state = balance(credit.targetKey());
        List<PointsAwarded> facts = balanceDecider.decide(credit, state, Events.DECIDED_AT);
        balances.put(credit.targetKey(), balanceDecider.evolveAll(state, facts));
        balanceFacts.computeIfAbsent(credit.targetKey(), k -> new ArrayList<>()).addAll(facts);
        return facts;
    }

    OrderPoints order(String orderId) {
        return orders.getOrDefault(orderId, orderDecider.initialState());
    }

    CustomerBalance balance(String customerId) {
        return balances.getOrDefault(customerId, balanceDecider.initialState());
    }
}
