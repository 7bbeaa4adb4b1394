package com.musiccorp.orders.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.schemas.Causation;
import com.musiccorp.schemas.ContractLimits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The state of one order as the orders context knows it: what was placed, every fact seen from
 * any context, and how the saga ended. Plain values only (no Avro types), so a store can keep it.
 *
 * @param orderId       null until the first event of the order
 * @param placement     null until {@code OrderPlaced}; facts of other contexts may come first
 * @param facts         per kind, every accepted event's reference, in arrival order
 * @param cancellation  null unless cancelled
 * @param seenEventIds  ids of every event applied or rejected, to drop redeliveries
 * @param history       what happened, in arrival order, for the order view
 * @param refusedCommands the operators' cancels this order refused, so a repeat is answered the same
 * @param readBackTimes  a rebuild only: the times of orders' own decisions read back from orders.events
 *                       before the rebuild re-derived them, so the re-derived copy takes the recorded
 *                       time, never a clock's; emptied as they are re-derived (always empty live)
 *
 * <p>Bounded whatever arrives for one order (a store value must stay far below the broker's record
 * limit): the placement by {@code ContractLimits}; each repeatable fact (one per line, or per
 * dispatch attempt) at {@link #MAX_REPEATS} and rejections at {@link #MAX_REJECTIONS}, past which
 * they stay on their topics but are no longer folded; the once-only facts by themselves.
 */
public record Order(
        String orderId,
        OrderStatus status,
        Placement placement,
        Map<Fact, List<EventRef>> facts,
        Cancellation cancellation,
        Set<UUID> seenEventIds,
        List<HistoryEntry> history,
        List<RefusedCommand> refusedCommands,
        Map<UUID, Instant> readBackTimes) {

    /** Facts of one repeatable kind an order folds: one per line at most, or this many dispatch attempts. */
    public static final int MAX_REPEATS = ContractLimits.MAX_LINES_PER_ORDER;
    /** Rejected events and refused commands an order folds; past this many it is being flooded. */
    public static final int MAX_REJECTIONS = 20;

    public Order {
        facts = Map.copyOf(facts);
        seenEventIds = Set.copyOf(seenEventIds);
        history = List.copyOf(history);
        refusedCommands = refusedCommands == null ? List.of() : List.copyOf(refusedCommands); // absent in older states
        readBackTimes = readBackTimes == null ? Map.of() : Map.copyOf(readBackTimes); // absent in older states
    }

    static Order initial() {
        return new Order(null, OrderStatus.NOT_PLACED, null, Map.of(), null, Set.of(), List.of(), List.of(), Map.of());
    }

    /** The order as placed. */
    public record Placement(
            String customerId,
            String customerName,
            String customerEmail,
            List<Line> lines,
            OrderTotals totals,
            Address shippingAddress,
            String paymentMethodToken,
            Instant placedAt) {

        public Placement {
            lines = List.copyOf(lines);
        }
    }

    /** One order line; {@code lineNumber} is 1-based and is how other contexts refer to it. */
    public record Line(
            int lineNumber,
            String sku,
            String title,
            String artist,
            String format,
            int quantity,
            long unitPriceMinor) {
    }

    public record Address(String name, String line1, String line2, String city, String postalCode,
            String countryCode) {

        /** The address with its personal fields (name, street lines) replaced by {@code f} of them. */
        public Address withPersonalFields(UnaryOperator<String> f) {
            return new Address(f.apply(name), f.apply(line1), f.apply(line2), city, postalCode, countryCode);
        }
    }

    /**
     * What the state keeps of an accepted event: enough to name it as the cause of a decision
     * ({@link #asCause()}) and to explain it to a person ({@code summary}, may be null).
     */
    public record EventRef(String eventType, UUID eventId, String correlationId, Instant occurredAt,
            String producer, String summary) {

        /** The metadata {@code Causation.causedBy} needs from a cause: id, correlation id, time. */
        EventMetadata asCause() {
            return EventMetadata.newBuilder()
                    .setEventId(eventId)
                    .setCorrelationId(correlationId)
                    .setOccurredAt(occurredAt)
                    .setProducer(producer)
                    .setSchemaVersion(Causation.SCHEMA_VERSION)
                    .build();
        }
    }

    /** One line of the order's history: which event, when, from which context, and a note. */
    public record HistoryEntry(String eventType, Instant at, String producer, String note) {
    }

    public record Cancellation(CancellationReason code, String reason, Instant cancelledAt) {
    }

    /**
     * An operator's cancel the order refused.
     *
     * @param cancellationId the id its {@code OrderCancelled} would have had, which names the command
     */
    public record RefusedCommand(UUID cancellationId, String reason) {
    }

    public boolean isPlaced() {
        return placement != null;
    }

    /** The saga's correlation id, from its {@code OrderPlaced}; null before the order is placed. */
    public String correlationId() {
        return isPlaced() ? first(Fact.PLACED).correlationId() : null;
    }

    public boolean has(Fact fact) {
        return facts.containsKey(fact);
    }

    public List<EventRef> all(Fact fact) {
        return facts.getOrDefault(fact, List.of());
    }

    /** The first event of a kind; callers check {@link #has} first. */
    EventRef first(Fact fact) {
        return all(fact).getFirst();
    }

    Optional<EventRef> last(Fact fact) {
        List<EventRef> refs = all(fact);
        return refs.isEmpty() ? Optional.empty() : Optional.of(refs.getLast());
    }

    public boolean hasSeen(UUID eventId) {
        return seenEventIds.contains(eventId);
    }

    /** Why the cancel whose {@code OrderCancelled} would have had this id was refused, if it was. */
    Optional<String> refusalOf(UUID cancellationId) {
        return refusedCommands.stream().filter(r -> r.cancellationId().equals(cancellationId))
                .map(RefusedCommand::reason).findFirst();
    }

    /** How many rejected events and refused commands the order has folded. */
    int rejections() {
        return (int) history.stream().filter(h -> h.eventType().equals("EventRejected")).count();
    }

    Order withOrderId(String id) {
        return new Order(id, status, placement, facts, cancellation, seenEventIds, history, refusedCommands, readBackTimes);
    }

    Order withStatus(OrderStatus newStatus) {
        return new Order(orderId, newStatus, placement, facts, cancellation, seenEventIds, history, refusedCommands, readBackTimes);
    }

    Order withPlacement(Placement newPlacement) {
        return new Order(orderId, status, newPlacement, facts, cancellation, seenEventIds, history, refusedCommands, readBackTimes);
    }

    Order withCancellation(Cancellation newCancellation) {
        return new Order(orderId, status, placement, facts, newCancellation, seenEventIds, history, refusedCommands, readBackTimes);
    }

    Order withFact(Fact fact, EventRef ref) {
        Map<Fact, List<EventRef>> next = new EnumMap<>(Fact.class);
        next.putAll(facts);
        List<EventRef> refs = new ArrayList<>(all(fact));
        refs.add(ref);
        next.put(fact, List.copyOf(refs));
        return new Order(orderId, status, placement, next, cancellation, seenEventIds, history, refusedCommands, readBackTimes);
    }

    Order withSeen(UUID eventId) {
        Set<UUID> next = new HashSet<>(seenEventIds);
        next.add(eventId);
        return new Order(orderId, status, placement, facts, cancellation, next, history, refusedCommands, readBackTimes);
    }

    Order withHistory(HistoryEntry entry) {
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(entry);
        return new Order(orderId, status, placement, facts, cancellation, seenEventIds, next, refusedCommands, readBackTimes);
    }

    /**
     * The same order with its own decision {@code eventId} (its fact, history line {@code note} and
     * cancellation) at {@code at}: a rebuild's correction once it reads the decision's recorded copy.
     */
    Order retimed(UUID eventId, String eventType, String producer, String note, Instant at) {
        Optional<EventRef> ref = facts.values().stream().flatMap(List::stream)
                .filter(r -> r.eventId().equals(eventId)).findFirst();
        Instant was = ref.map(EventRef::occurredAt).orElse(null); // null: an EventRejected, which has no fact
        Map<Fact, List<EventRef>> nextFacts = new EnumMap<>(Fact.class);
        facts.forEach((fact, refs) -> nextFacts.put(fact, refs.stream()
                .map(r -> r.eventId().equals(eventId)
                        ? new EventRef(r.eventType(), r.eventId(), r.correlationId(), at, r.producer(), r.summary())
                        : r)
                .toList()));
        List<HistoryEntry> nextHistory = history.stream()
                .map(h -> h.eventType().equals(eventType) && Objects.equals(h.producer(), producer)
                        && Objects.equals(h.note(), note) && (was == null || h.at().equals(was))
                        ? new HistoryEntry(h.eventType(), at, h.producer(), h.note()) : h)
                .toList();
        boolean isTheCancellation = all(Fact.CANCELLED).stream().anyMatch(r -> r.eventId().equals(eventId));
        Cancellation nextCancellation = cancellation != null && isTheCancellation
                ? new Cancellation(cancellation.code(), cancellation.reason(), at) : cancellation;
        return new Order(orderId, status, placement, nextFacts, nextCancellation, seenEventIds, nextHistory,
                refusedCommands, readBackTimes);
    }

    Order withReadBackTime(UUID eventId, Instant at) {
        Map<UUID, Instant> next = new HashMap<>(readBackTimes);
        next.put(eventId, at);
        return new Order(orderId, status, placement, facts, cancellation, seenEventIds, history, refusedCommands, next);
    }

    Order withoutReadBackTime(UUID eventId) {
        if (!readBackTimes.containsKey(eventId)) {
            return this;
        }
        Map<UUID, Instant> next = new HashMap<>(readBackTimes);
        next.remove(eventId);
        return new Order(orderId, status, placement, facts, cancellation, seenEventIds, history, refusedCommands, next);
    }

    Order withRefused(RefusedCommand command) {
        List<RefusedCommand> next = new ArrayList<>(refusedCommands);
        next.add(command);
        return new Order(orderId, status, placement, facts, cancellation, seenEventIds, history, next, readBackTimes);
    }
}
