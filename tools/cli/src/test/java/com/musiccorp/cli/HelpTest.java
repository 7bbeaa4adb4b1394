package com.musiccorp.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand explains itself with --help, and bad usage is exit code 2 with the reason. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"publish", "tail", "topics", "schemas", "schemas list", "schemas check",
            "schemas register", "dlq", "dlq list", "dlq replay", "query", "replay", "digest"})
    void everySubcommandHasHelp(String command) {
        String[] words = (command + " --help").split(" ");
        Cli.Run run = Cli.run(words);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: musiccorp cli " + command);
        if (!command.equals("schemas") && !command.equals("dlq")) {
            assertThat(run.out()).containsAnyOf("--bootstrap-servers", "--registry-url", "--api-url");
        }
    }

    @Test
    void withoutASubcommandItListsThemAllAsAUsageError() {
        Cli.Run run = Cli.run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("publish", "tail", "topics", "schemas", "dlq", "query", "replay", "digest");
    }

    @Test
    void replayAndDigestHelpShowExamples() {
        assertThat(Cli.run("replay", "--help").out()).contains("Examples:", "musiccorp cli replay saga-status",
                "musiccorp cli replay saga-status --as-of 2026-11-23T10:02:00Z", "--no-wait", "--discard", "--view",
                "--poll-interval", "Exit codes:");
        assertThat(Cli.run("digest", "--help").out()).contains("Examples:", "musiccorp cli digest orders",
                "--of-rebuild", "--json");
    }

    @Test
    void badUsageIsExitCodeTwoWithTheReason() {
        Cli.Run unknownOption = Cli.run("tail", "--no-such-option");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--no-such-option'");

        Cli.Run neitherOffsetNorAll = Cli.run("dlq", "replay", "orders");
        assertThat(neitherOffsetNorAll.exitCode()).isEqualTo(2);
        assertThat(neitherOffsetNorAll.err()).contains("--offset", "--all");
    }

    @Test
    void publishRefusesATopicThatDoesNotCarryTheEventBeforeTouchingAnyCluster() {
        Cli.Run wrongTopic = Cli.runWithInput("{}", "publish", "payments.events", "OrderPlaced",
                "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1");
        assertThat(wrongTopic.exitCode()).isEqualTo(2);
        assertThat(wrongTopic.err()).contains("payments.events does not carry OrderPlaced", "PaymentTaken");

        Cli.Run notInCatalog = Cli.runWithInput("{}", "publish", "no.such.topic", "OrderPlaced",
                "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1");
        assertThat(notInCatalog.exitCode()).isEqualTo(2);
        assertThat(notInCatalog.err()).contains("no topic 'no.such.topic' in the catalog");
    }
}
