package com.musiccorp.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** A gateway started again on its journal knows every charge, refund and voided key it answered. */
class JournaledLedgerTest {

    @TempDir
    Path dir;

    private static ChargeCall charge(String key, String orderId) {
        return new ChargeCall(key, orderId, "cust-1", 1_999, "GBP", "tok_visa");
    }

    @Test
    void aGatewayStartedAgainOnItsJournalReplaysItsAnswersAndChargesNothingTwice() throws Exception {
        Path file = dir.resolve("payment-gateway/ledger.log");
        GatewaySimulator before = new GatewaySimulator(GatewaySimulator.NO_LIMIT, Ledger.journaled(file));
        ChargeReply approved = before.charge(charge("order-1:charge", "order-1"));
        before.charge(new ChargeCall("order-2:charge", "order-2", "cust-2", 500, "EUR", "tok_decline"));
        before.refund(new RefundCall("order-1:refund", "order-1:charge", "cancelled\tby\noperator ~"));
        assertThat(before.lookup("order-3:charge")).isEmpty(); // voids the key
        // A kill in the middle of a write leaves a torn last line: its change was never answered.
        Files.writeString(file, "charge\torder-4", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        GatewaySimulator after = new GatewaySimulator(GatewaySimulator.NO_LIMIT, Ledger.journaled(file));

        ChargeReply replayed = after.charge(charge("order-1:charge", "order-1"));
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.reference()).isEqualTo(approved.reference());
        assertThat(after.ledger().capturedChargesFor("order-1")).hasSize(1);
        assertThat(after.ledger().charge("order-1:charge").orElseThrow().refunded()).isTrue();
        assertThat(after.ledger().refund("order-1:refund").orElseThrow().call().reason()).isEqualTo("cancelled\tby\noperator ~");
        assertThat(after.ledger().outstanding("cust-1", "GBP")).isZero();
        assertThat(after.ledger().totalCharged("cust-1", "GBP")).isEqualTo(1_999);
        assertThat(after.ledger().chargesFor("order-2")).singleElement()
                .satisfies(e -> assertThat(e.reply().status()).isEqualTo(ChargeReply.Status.DECLINED));
        assertThat(after.charge(charge("order-3:charge", "order-3")).status()).isEqualTo(ChargeReply.Status.VOIDED);
        assertThat(after.ledger().chargesFor("order-4")).isEmpty();
        assertThat(after.ledger().callsWith("order-1:charge")).isEqualTo(2);
        ChargeReply next = after.charge(charge("order-5:charge", "order-5"));
        assertThat(next.reference()).as("references go on from the journaled charges").isNotEqualTo(approved.reference());

        GatewaySimulator third = new GatewaySimulator(GatewaySimulator.NO_LIMIT, Ledger.journaled(file));
        assertThat(third.ledger().capturedChargesFor("order-5")).as("written after the torn line was cut off").hasSize(1);
        assertThat(Files.readString(file)).doesNotContain("order-4");
    }
}
