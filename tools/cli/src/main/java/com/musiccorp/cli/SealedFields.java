package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.musiccorp.platform.personaldata.Opened;
import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.platform.personaldata.SealedValue;
import com.musiccorp.platform.personaldata.kafka.KafkaCustomerKeys;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Shows a decoded record's sealed personal fields as a person needs them: opened with the customer's
 * key, {@value #ERASED} once the customer was erased, or as written when the keys cannot be read
 * (a login without access to {@code orders.customer-keys}, or {@code --sealed}).
 */
final class SealedFields implements AutoCloseable {

    static final String ERASED = "[erased]";
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final KafkaCustomerKeys keys;
    private final PersonalData personalData;

    private SealedFields(KafkaCustomerKeys keys) {
        this.keys = keys;
        this.personalData = keys == null ? null : new PersonalData(keys);
    }

    /** Reads every key first, so what was erased shows so from the first record on. */
    static SealedFields open(String bootstrapServers, PrintWriter err) {
        KafkaCustomerKeys keys = KafkaCustomerKeys.reader(Clients.connection(bootstrapServers), "musiccorp-cli");
        try {
            if (keys.awaitCaughtUp(CATCH_UP)) {
                return new SealedFields(keys);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keys.close();
        err.println("personal fields stay sealed: the customers' keys could not be read within " + CATCH_UP);
        err.flush();
        return new SealedFields(null);
    }

    /** Leaves sealed fields as written. */
    static SealedFields asWritten() {
        return new SealedFields(null);
    }

    /** {@code json} with each sealed text replaced by what it opens to. */
    JsonNode show(JsonNode json) {
        if (personalData == null) {
            return json;
        }
        if (json instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(show(field.getValue()));
            }
        } else if (json instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, show(array.get(i)));
            }
        } else if (json.isTextual() && SealedValue.isSealed(json.asText())) {
            return new TextNode(switch (personalData.open(json.asText(), Duration.ofMillis(200))) {
                case Opened.Plain plain -> plain.value();
                case Opened.Erased erased -> ERASED;
                case Opened.Unavailable unavailable -> json.asText();
            });
        }
        return json;
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
        }
    }
}
