package com.musiccorp.platform.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's files are read once; names that are no file cost nothing to keep. */
class ConsoleFilesTest {

    private final ConsoleFiles files = new ConsoleFiles();

    @Test
    void aFileIsReadOnceWithItsTypeAndValidator() {
        ConsoleFiles.File app = files.find("app.js").orElseThrow();

        assertThat(app.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(app.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(files.find("app.js")).containsSame(app);
    }

    @Test
    void namesThatAreNoFileAreNotKept() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(files.find("nothing-" + i + ".js")).isEmpty();
        }
        assertThat(files.find("../pom.xml")).isEmpty();
        files.find("index.html");

        assertThat(files.kept()).isEqualTo(1);
    }
}
