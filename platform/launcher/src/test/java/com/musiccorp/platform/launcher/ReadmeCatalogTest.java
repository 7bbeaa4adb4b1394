package com.musiccorp.platform.launcher;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** README's topic table is documentation users rely on: it must name every catalog topic as the catalog does. */
class ReadmeCatalogTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void readmeListsEveryTopicWithItsOwnerAndPartitions() throws Exception {
        List<String> rows = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.startsWith("| `")).toList();
        for (TopicSpec topic : TopicCatalog.all()) {
            if (topic.name().endsWith(".dlq")) continue; // one row, `<context>.dlq`, stands for all of them
            String row = rows.stream().filter(r -> r.startsWith("| `" + topic.name() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("README has no row for topic " + topic.name()));
            assertThat(row).as(topic.name()).contains("| " + topic.owner() + " |", "| " + topic.partitions() + " |");
            for (String subject : topic.valueSubjects()) {
                assertThat(row).as(topic.name()).contains(subject.substring(subject.lastIndexOf('.') + 1));
            }
        }
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("| `<context>.dlq` |"));
    }
}
