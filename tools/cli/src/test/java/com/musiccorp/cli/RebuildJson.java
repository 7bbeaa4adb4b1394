package com.musiccorp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Canned answers shaped as RebuildController sends them (platform/streams' RebuildStatus and
 * StateDigest.Digest through Micronaut serde): saga-status rebuilding into generation 3.
 */
final class RebuildJson {
    static final String SHA = "9f2c4e1a7b3d5f60818293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4";
    static final String SAGAS_SHA = "0123456789abcdef0011223344556677889900aabbccddeeff00112233445566";
    static final String INDEX_SHA = "fedcba9876543210ffeeddccbbaa99887766554433221100ffeeddccbbaa9988";
    static final String TRANSITIONS_SHA = "aaaabbbbccccdddd0000111122223333444455556666777788889999aaaabbbb";

    private RebuildJson() {
    }

    static ObjectNode digest() {
        ObjectNode digest = Json.object().put("sha256", SHA);
        ObjectNode stores = digest.putObject("stores");
        stores.putObject("sagas-store").put("entries", 1250).put("sha256", SAGAS_SHA);
        stores.putObject("order-index-store").put("entries", 1250).put("sha256", INDEX_SHA);
        stores.putObject("transitions-store").put("entries", 17).put("sha256", TRANSITIONS_SHA);
        return digest;
    }

    static ObjectNode rebuilding(long eventsDone, double perSecond, long lag) {
        ObjectNode status = Json.object().put("context", "saga-status").put("generation", 3)
                .put("applicationId", "musiccorp-saga-status-g3").put("phase", "REBUILDING")
                .put("startedAt", "2026-11-23T12:00:00.120Z")
                .put("eventsDone", eventsDone).put("eventsPerSecond", perSecond).put("remainingLag", lag)
                .put("serving", "musiccorp-saga-status-g2")
                .put("message", "reading the input topics from the beginning");
        status.putArray("inputTopics").add("orders.events").add("payments.events").add("warehouse.events")
                .add("loyalty.events").add("notifications.events");
        return status;
    }

    static ObjectNode switched() {
        ObjectNode status = rebuilding(5630, 2815.0, 0).put("phase", "SWITCHED")
                .put("caughtUpAt", "2026-11-23T12:00:02.120Z").put("serving", "musiccorp-saga-status-g3")
                .put("message", "caught up and serving; generation musiccorp-saga-status-g2 deleted");
        status.set("digest", digest());
        return status;
    }

    static ObjectNode caughtUpAsOf(String asOf) {
        ObjectNode status = switched().put("phase", "CAUGHT_UP").put("asOf", asOf)
                .put("serving", "musiccorp-saga-status-g2")
                .put("message", "caught up as of " + asOf + "; kept beside the live state until discarded");
        return status;
    }

    static ObjectNode failed() {
        return rebuilding(800, 400.0, 4830).put("phase", "FAILED")
                .put("message", "Kafka Streams of the rebuild stopped (ERROR); the live state serves on");
    }

    static ObjectNode discarded() {
        return caughtUpAsOf("2026-11-23T10:02:00Z").put("phase", "DISCARDED")
                .put("message", "discarded; the live state serves on");
    }
}
