package com.musiccorp.platform.personaldata.kafka;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.personaldata.Opened;
import com.musiccorp.platform.personaldata.PersonalData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The key topic on a real broker: what orders seals, another process opens; once erased, nobody does. */
class KafkaCustomerKeysIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void keysMadeByOrdersOpenElsewhereUntilTheCustomerIsErased() throws Exception {
        Map<String, Object> connection = Map.of("bootstrap.servers", kafka.bootstrapServers());
        String sealed;
        String other;
        try (KafkaCustomerKeys orders = KafkaCustomerKeys.maker(connection, "orders-test");
             KafkaCustomerKeys warehouse = KafkaCustomerKeys.reader(connection, "warehouse-test")) {
            assertThat(orders.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            PersonalData sealing = new PersonalData(orders);
            sealed = sealing.seal("cust-1", "1 Infinite Loop");
            other = sealing.seal("cust-2", "Grace");
            assertThat(sealing.seal("cust-1", "1 Infinite Loop")).as("the customer's one key").isEqualTo(sealed);

            PersonalData opening = new PersonalData(warehouse);
            assertThat(opening.open(sealed)).isEqualTo(new Opened.Plain("1 Infinite Loop"));
            assertThatThrownBy(() -> warehouse.keyFor("cust-3")).isInstanceOf(IllegalStateException.class);

            assertThat(orders.erase("cust-1")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> opening.open(sealed) instanceof Opened.Erased);
            assertThat(opening.open(other)).isEqualTo(new Opened.Plain("Grace"));
        }
        // A process started later (a restart, the CLI) reads the same from the topic.
        try (KafkaCustomerKeys restarted = KafkaCustomerKeys.reader(connection, "cli-test")) {
            assertThat(restarted.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            PersonalData opening = new PersonalData(restarted);
            assertThat(opening.open(sealed)).isInstanceOf(Opened.Erased.class);
            assertThat(opening.open(other)).isEqualTo(new Opened.Plain("Grace"));
        }
        // The log's last word on the erased key carries no keyset: compaction leaves only that.
        assertThat(lastValuesByKey(connection).values()).filteredOn(v -> v.contains("\"erasedAt\""))
                .hasSize(1).allSatisfy(v -> assertThat(v).doesNotContain("keyset"));
    }

    private static Map<String, String> lastValuesByKey(Map<String, Object> connection) {
        var partition = new TopicPartition(TopicCatalog.CUSTOMER_KEYS, 0);
        Map<String, String> last = new java.util.HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            all.forEach(r -> last.put(r.key(), r.value()));
        }
        return last;
    }
}
