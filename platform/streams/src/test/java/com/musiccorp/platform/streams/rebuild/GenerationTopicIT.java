package com.musiccorp.platform.streams.rebuild;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generation a context switched to survives a wiped state directory: it comes back from Kafka. */
class GenerationTopicIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private GenerationTopic topic(String base) {
        return new GenerationTopic(Map.of("bootstrap.servers", kafka.bootstrapServers()), base, -1);
    }

    @Test
    void a_switch_survives_wiping_the_state_directory(@TempDir Path first, @TempDir Path recreated) throws Exception {
        Generations generations = new Generations(first, "musiccorp-orders", topic("musiccorp-orders"));
        assertThat(generations.reserveNext()).isEqualTo(1);
        generations.activate(1);
        assertThat(generations.reserveNext()).as("reserved, abandoned").isEqualTo(2);

        Generations afterWipe = new Generations(recreated, "musiccorp-orders", topic("musiccorp-orders"));
        assertThat(afterWipe.active()).as("before the start syncs, the empty directory alone knows nothing").isZero();
        afterWipe.syncWithLog();
        assertThat(afterWipe.activeApplicationId()).isEqualTo("musiccorp-orders-g1");
        assertThat(afterWipe.reserveNext()).as("2 was used before the wipe").isEqualTo(3);
        assertThat(recreated.resolve("generation.properties")).as("the file is written back").exists();
    }

    @Test
    void a_new_install_is_generation_zero_and_writes_nothing(@TempDir Path dir) {
        Generations generations = new Generations(dir, "musiccorp-fresh", topic("musiccorp-fresh"));
        generations.syncWithLog();
        assertThat(generations.active()).isZero();
        assertThat(topic("musiccorp-fresh").latest()).isEmpty();
        assertThat(dir.resolve("generation.properties")).doesNotExist();
    }

    @Test
    void a_file_written_before_the_log_existed_is_copied_to_it_once(@TempDir Path older, @TempDir Path recreated)
            throws Exception {
        Generations local = new Generations(older, "musiccorp-saga-status", GenerationLog.LOCAL_ONLY);
        local.activate(local.reserveNext());

        new Generations(older, "musiccorp-saga-status", topic("musiccorp-saga-status")).syncWithLog();

        assertThat(topic("musiccorp-saga-status").latest()).hasValueSatisfying(p -> assertThat(p.getProperty("active")).isEqualTo("1"));
        Generations afterWipe = new Generations(recreated, "musiccorp-saga-status", topic("musiccorp-saga-status"));
        afterWipe.syncWithLog();
        assertThat(afterWipe.active()).isEqualTo(1);
        assertThat(Files.exists(older.resolve("generation.properties"))).isTrue();
    }
}
