package com.musiccorp.cli;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.RegistrySettings;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that reach the registry against one that requires basic auth for every request
 * (REGISTRY_USER_INFO with REGISTRY_AUTH_READS=true): refused without --registry-user-info, working with it.
 */
class RegistryCredentialsIT {
    private static final String USER_INFO = "cli:pa55";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(RegistrySettings.defaults(kafka.bootstrapServers())
                .withTopic("_schemas_cli_auth").withUserInfo(USER_INFO).withAuthReads(true));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) registry.close();
    }

    /** The command with this registry, and the cluster too for the commands that read or write topics. */
    private static String[] anonymous(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!args[0].equals("schemas")) all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of("--registry-url", registry.url()));
        return all.toArray(String[]::new);
    }

    private static String[] withCredentials(String... args) {
        List<String> all = new ArrayList<>(List.of(anonymous(args)));
        all.addAll(List.of("--registry-user-info", USER_INFO));
        return all.toArray(String[]::new);
    }

    @Test
    void schemasRegisterListCheckPublishAndTailSendTheCredentials() {
        Cli.Run refused = Cli.run(anonymous("schemas", "register"));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(MusicCorpCli.FAILED);
        assertThat(refused.err()).contains("401").contains("basic.auth.user.info");

        Cli.Run registered = Cli.run(withCredentials("schemas", "register"));
        assertThat(registered.exitCode()).as(registered.toString()).isZero();

        assertThat(Cli.run(anonymous("schemas", "list")).exitCode()).isNotZero();
        Cli.Run listed = Cli.run(withCredentials("schemas", "list", "--json"));
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("\"registered\" : true").doesNotContain("\"registered\" : false");

        assertThat(Cli.run(anonymous("schemas", "check")).exitCode()).isEqualTo(MusicCorpCli.INVALID);
        Cli.Run checked = Cli.run(withCredentials("schemas", "check"));
        assertThat(checked.exitCode()).as(checked.toString()).isZero();

        Cli.Run notPublished = Cli.runWithInput(Events.orderPlaced("o-auth-0", "1"),
                anonymous("publish", "orders.events", "OrderPlaced"));
        assertThat(notPublished.exitCode()).as(notPublished.toString()).isNotZero();
        Cli.Run published = Cli.runWithInput(Events.orderPlaced("o-auth-1", "1"),
                withCredentials("publish", "orders.events", "OrderPlaced", "--correlation-id", "corr-auth"));
        assertThat(published.exitCode()).as(published.toString()).isZero();

        Topics.awaitWithKey(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS, "o-auth-1", 1);
        Cli.Run tail = Cli.run(withCredentials("tail", "--from-beginning", "--no-follow", "--correlation-id", "corr-auth", "--json"));
        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        assertThat(tail.out()).contains("o-auth-1").contains("\"type\":\"OrderPlaced\"").doesNotContain("\"error\"");
    }
}
