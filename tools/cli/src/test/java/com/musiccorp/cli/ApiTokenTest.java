package com.musiccorp.cli;

import com.musiccorp.platform.launcher.DevelopmentCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenTest {

    @Test
    void theOptionWinsThenTheEnvironmentThenTheFileAStartWrote(@TempDir Path home) {
        DevelopmentCredentials written = DevelopmentCredentials.loadOrCreate(home, Instant.now());
        Map<String, String> env = Map.of("MUSICCORP_HOME", home.toString());

        assertThat(ApiToken.resolve("given", Map.of("ADMIN_TOKEN", "env-admin"))).hasValue("given");
        assertThat(ApiToken.resolve(null, Map.of("ADMIN_TOKEN", "env-admin", "OPERATOR_TOKEN", "env-op"))).hasValue("env-admin");
        assertThat(ApiToken.resolve(null, Map.of("OPERATOR_TOKEN", "env-op", "MUSICCORP_HOME", home.toString())))
                .hasValue("env-op");
        assertThat(ApiToken.resolve(" ", env)).hasValue(written.adminToken());
    }

    @Test
    void withoutAnyTheApiIsCalledWithoutAToken(@TempDir Path emptyHome) {
        assertThat(ApiToken.resolve(null, Map.of("MUSICCORP_HOME", emptyHome.toString()))).isEmpty();
    }
}
