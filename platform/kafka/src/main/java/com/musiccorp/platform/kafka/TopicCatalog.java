package com.musiccorp.platform.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one catalog of MusicCorp's topics. Services, the start command, the compose file check and
 * the docs all read it, so a topic's owner and shape is one lookup away.
 *
 * <p>Every topic a saga step reads together with another is keyed by order id and has
 * {@link #ORDER_PARTITIONS} partitions, so they are co-partitioned. Event topics keep events
 * forever: they are the source of truth that every store is rebuilt from.
 */
public final class TopicCatalog {
    /** Partitions of every order-keyed topic; changing it re-keys every saga, so it is one constant. */
    public static final int ORDER_PARTITIONS = 6;
    public static final int SKU_PARTITIONS = 6;

    public static final String ORDERS_EVENTS = "orders.events";
    public static final String WAREHOUSE_EVENTS = "warehouse.events";
    public static final String WAREHOUSE_STOCK = "warehouse.stock";
    public static final String PAYMENTS_EVENTS = "payments.events";
    public static final String LOYALTY_EVENTS = "loyalty.events";
    public static final String NOTIFICATIONS_EVENTS = "notifications.events";
    /** Operator and customer commands to orders (e.g. cancel), decided by the topology against the order's state. */
    public static final String ORDERS_COMMANDS = "orders.commands";
    /** Operator commands to the warehouse (e.g. retry a failed dispatch), decided against the fulfilment's state. */
    public static final String WAREHOUSE_COMMANDS = "warehouse.commands";
    public static final String SCHEMAS = "_schemas";
    /**
     * Each customer's keys for their sealed personal fields (crypto-shredding), keyed by key id and
     * written by orders; erasing a customer overwrites each of their keys with a marker.
     */
    public static final String CUSTOMER_KEYS = "orders.customer-keys";

    private static final String NS = "com.musiccorp.events.";
    /** Events are the source of truth: no time or size limit. */
    private static final Map<String, String> FOREVER = Map.of(
            "cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
    /**
     * Commands are requests, not facts: what they decided is in the event topics, so state is never
     * rebuilt from them and a week covers any outage of the consuming context.
     */
    private static final Map<String, String> A_WEEK = Map.of("cleanup.policy", "delete", "retention.ms", "604800000");

    /**
     * Compacted soon after a customer is erased: a rolled segment is cleaned within ten minutes, so
     * the destroyed keysets leave the log too, not only the readers' memory.
     */
    private static final Map<String, String> KEYS_COMPACTED = Map.of("cleanup.policy", "compact",
            "min.cleanable.dirty.ratio", "0.01", "segment.ms", "300000", "max.compaction.lag.ms", "300000",
            "delete.retention.ms", "300000");

    private static final List<TopicSpec> TOPICS = List.of(
            events(ORDERS_EVENTS, "orders", "order id",
                    "Order lifecycle: placed, completed, cancelled, and refused transitions.",
                    "OrderPlaced", "OrderCompleted", "OrderCancelled", "EventRejected"),
            events(WAREHOUSE_EVENTS, "warehouse", "order id",
                    "Reservation, packing and dispatch of an order, with their compensations.",
                    "StockReserved", "StockInsufficient", "StockReleased", "OrderPackaged", "ItemNotFound",
                    "DispatchDelayed", "DispatchFailed", "OrderDispatched", "EventRejected"),
            new TopicSpec(WAREHOUSE_STOCK, "warehouse", "sku", subjects("StockReceived", "StockAdjusted"),
                    SKU_PARTITIONS, FOREVER, "Stock arriving and operator corrections of shelf counts, per SKU."),
            events(PAYMENTS_EVENTS, "payments", "order id",
                    "Charges and refunds against the payment gateway.",
                    "PaymentTaken", "PaymentFailed", "PaymentRefunded", "EventRejected"),
            events(LOYALTY_EVENTS, "loyalty", "order id",
                    "Points awarded for dispatched orders (balance per customer is loyalty's view).",
                    "PointsAwarded", "EventRejected"),
            events(NOTIFICATIONS_EVENTS, "notifications", "order id",
                    "Messages sent to customers (simulated e-mail), recorded as facts.",
                    "NotificationSent"),
            commands(ORDERS_COMMANDS, "orders",
                    "Commands to orders from its HTTP API (an operator cancels an order), as JSON; decided in the topology."),
            commands(WAREHOUSE_COMMANDS, "warehouse",
                    "Operator commands to the warehouse (retry a failed dispatch), as JSON; decided in the topology."),
            new TopicSpec(CUSTOMER_KEYS, "orders", "key id", List.of(), 1, KEYS_COMPACTED,
                    "Each customer's keys for the personal fields sealed in events (name, e-mail, street lines); erasing a customer destroys them."),
            deadLetters("orders"),
            deadLetters("warehouse"),
            deadLetters("payments"),
            deadLetters("loyalty"),
            deadLetters("notifications"),
            deadLetters("saga-status"),
            new TopicSpec(SCHEMAS, "schema-registry", "registry record key", List.of(), 1,
                    Map.of("cleanup.policy", "compact"),
                    "The schema registry's durable store (Confluent's layout: one partition, compacted)."));

    /**
     * What each context's topology reads (its {@code INPUT_TOPICS} and command topics): what its
     * Kafka principal may read, and nothing else of another context.
     */
    private static final Map<String, List<String>> CONSUMED = Map.of(
            "orders", List.of(ORDERS_EVENTS, WAREHOUSE_EVENTS, PAYMENTS_EVENTS, LOYALTY_EVENTS, ORDERS_COMMANDS),
            "warehouse", List.of(ORDERS_EVENTS, PAYMENTS_EVENTS, WAREHOUSE_STOCK, WAREHOUSE_COMMANDS),
            "payments", List.of(ORDERS_EVENTS, WAREHOUSE_EVENTS),
            "loyalty", List.of(WAREHOUSE_EVENTS),
            "notifications", List.of(ORDERS_EVENTS, WAREHOUSE_EVENTS, PAYMENTS_EVENTS),
            "saga-status", List.of(ORDERS_EVENTS, WAREHOUSE_EVENTS, PAYMENTS_EVENTS, LOYALTY_EVENTS, NOTIFICATIONS_EVENTS));

    /** The contexts that open customers' sealed personal fields (and may read {@link #CUSTOMER_KEYS}). */
    private static final List<String> OPENS_PERSONAL_DATA = List.of("orders", "warehouse", "notifications");

    private TopicCatalog() {
    }

    /** The bounded contexts, each a Kafka Streams application and a Kafka principal. */
    public static List<String> contexts() {
        return CONSUMED.keySet().stream().sorted().toList();
    }

    /** The topics a context's topology reads. */
    public static List<String> consumedBy(String context) {
        List<String> topics = CONSUMED.get(context);
        if (topics == null) throw new IllegalArgumentException("No context '" + context + "' in the catalog");
        return topics;
    }

    /** Whether the context opens sealed personal fields: orders for its view, warehouse for the carrier, notifications for the mailer. */
    public static boolean opensPersonalData(String context) {
        return OPENS_PERSONAL_DATA.contains(context);
    }

    public static List<TopicSpec> all() {
        return TOPICS;
    }

    /** Asked for every event a context reads (which types its topic carries), so a map, not a scan. */
    public static Optional<TopicSpec> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    private static final Map<String, TopicSpec> BY_NAME = TOPICS.stream()
            .collect(Collectors.toUnmodifiableMap(TopicSpec::name, t -> t));

    public static TopicSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("No topic '" + name + "' in the catalog"));
    }

    /** The dead-letter topic of a context: records it could not read or process, with the reason in headers. */
    public static String deadLetterTopic(String context) {
        return context + ".dlq";
    }

    /** Every event subject (record-name strategy) that any topic carries. */
    public static List<String> allSubjects() {
        return TOPICS.stream().flatMap(t -> t.valueSubjects().stream()).distinct().sorted().toList();
    }

    /** The topics a context owns, i.e. the only topics it may write. */
    public static List<TopicSpec> ownedBy(String context) {
        return TOPICS.stream().filter(t -> t.owner().equals(context)).toList();
    }

    private static TopicSpec events(String name, String owner, String key, String description, String... types) {
        return new TopicSpec(name, owner, key, subjects(types), ORDER_PARTITIONS, FOREVER, description);
    }

    /**
     * A context's private command topic: written by its own HTTP API, read by its own topology, keyed
     * by order id and co-partitioned with the event topics so the command meets the order's state.
     */
    private static TopicSpec commands(String name, String owner, String description) {
        return new TopicSpec(name, owner, "order id", List.of(), ORDER_PARTITIONS, A_WEEK, description);
    }

    private static TopicSpec deadLetters(String context) {
        return new TopicSpec(deadLetterTopic(context), context, "original key bytes", List.of(), 1, FOREVER,
                "Records " + context + " could not read or process: original bytes, source and error in headers.");
    }

    private static List<String> subjects(String... types) {
        return Stream.of(types).map(t -> NS + t).toList();
    }
}
