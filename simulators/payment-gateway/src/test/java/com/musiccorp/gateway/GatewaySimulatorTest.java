package com.musiccorp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.gateway.ChargeReply.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GatewaySimulatorTest {

    final GatewaySimulator gateway = new GatewaySimulator(10_000);

    static ChargeCall charge(String key, String orderId, long amount, String token) {
        return new ChargeCall(key, orderId, "cust-1", amount, "GBP", token);
    }

    @Nested
    class TokenRules {

        @Test
        void anOrdinaryTokenIsApproved() {
            ChargeReply reply = gateway.charge(charge("k1", "o1", 2599, "tok_visa"));

            assertThat(reply.status()).isEqualTo(Status.APPROVED);
            assertThat(reply.reference()).isEqualTo("ch_000001");
            assertThat(reply.respondAfter()).isZero();
            assertThat(reply.replayed()).isFalse();
        }

        @Test
        void aDeclineTokenIsDeclined() {
            ChargeReply reply = gateway.charge(charge("k1", "o1", 2599, "tok_decline_insufficient_funds"));

            assertThat(reply.status()).isEqualTo(Status.DECLINED);
            assertThat(reply.reference()).isNull();
            assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isZero();
        }

        @Test
        void aTransientTokenFailsTheFirstNAttemptsOfAKeyThenApproves() {
            String token = "tok_transient_2_visa";

            assertThat(gateway.charge(charge("k1", "o1", 100, token)).status()).isEqualTo(Status.TRANSIENT_FAILURE);
            assertThat(gateway.charge(charge("k1", "o1", 100, token)).status()).isEqualTo(Status.TRANSIENT_FAILURE);
            ChargeReply third = gateway.charge(charge("k1", "o1", 100, token));
            assertThat(third.status()).isEqualTo(Status.APPROVED);
            assertThat(gateway.charge(charge("k1", "o1", 100, token))).isEqualTo(third.asReplay());
            // another key starts its own count
            assertThat(gateway.charge(charge("k2", "o2", 100, token)).status()).isEqualTo(Status.TRANSIENT_FAILURE);
            assertThat(gateway.ledger().capturedChargesFor("o1")).hasSize(1);
        }

        @Test
        void aSlowTokenIsApprovedAfterTheDelayItNames() {
            ChargeReply reply = gateway.charge(charge("k1", "o1", 100, "tok_slow_1500_visa"));

            assertThat(reply.status()).isEqualTo(Status.APPROVED);
            assertThat(reply.respondAfter()).isEqualTo(Duration.ofMillis(1500));
            assertThat(gateway.charge(charge("k1", "o1", 100, "tok_slow_1500_visa")).respondAfter()).isZero();
        }

        @Test
        void malformedAndForeignTokensAreDeclined() {
            assertThat(gateway.charge(charge("k1", "o1", 100, "4242424242424242")).status()).isEqualTo(Status.DECLINED);
            assertThat(gateway.charge(charge("k2", "o2", 100, "tok_transient_x")).status()).isEqualTo(Status.DECLINED);
            assertThat(gateway.charge(charge("k3", "o3", 100, "tok_slow_")).status()).isEqualTo(Status.DECLINED);
        }

        @Test
        void tokenRulesReadTheirNumbers() {
            assertThat(TokenRule.of("tok_transient_3")).isEqualTo(new TokenRule.FailFirst(3));
            assertThat(TokenRule.of("tok_transient_12_x")).isEqualTo(new TokenRule.FailFirst(12));
            assertThat(TokenRule.of("tok_slow_250")).isEqualTo(new TokenRule.Slow(Duration.ofMillis(250)));
            assertThat(TokenRule.of("tok_declined")).isEqualTo(new TokenRule.Decline());
            assertThat(TokenRule.of("tok_mastercard")).isEqualTo(new TokenRule.Approve());
        }
    }

    @Nested
    class CustomerLimit {

        @Test
        void aChargeThatWouldTakeTheCustomerOverTheLimitIsRefused() {
            assertThat(gateway.charge(charge("k1", "o1", 6_000, "tok_visa")).status()).isEqualTo(Status.APPROVED);
            assertThat(gateway.charge(charge("k2", "o2", 4_000, "tok_visa")).status()).isEqualTo(Status.APPROVED);

            ChargeReply over = gateway.charge(charge("k3", "o3", 1, "tok_visa"));

            assertThat(over.status()).isEqualTo(Status.LIMIT_EXCEEDED);
            assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isEqualTo(10_000);
            assertThat(gateway.charge(charge("k3", "o3", 1, "tok_visa")).status()).isEqualTo(Status.LIMIT_EXCEEDED);
        }

        @Test
        void theLimitIsPerCustomerAndCurrencyAndFreedByRefunds() {
            gateway.charge(charge("k1", "o1", 10_000, "tok_visa"));
            assertThat(gateway.charge(new ChargeCall("k2", "o2", "cust-2", 10_000, "GBP", "tok_visa")).status())
                    .isEqualTo(Status.APPROVED);
            assertThat(gateway.charge(new ChargeCall("k3", "o3", "cust-1", 10_000, "EUR", "tok_visa")).status())
                    .isEqualTo(Status.APPROVED);

            gateway.refund(new RefundCall("r1", "k1", "item not found"));

            assertThat(gateway.charge(charge("k4", "o4", 10_000, "tok_visa")).status()).isEqualTo(Status.APPROVED);
            assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isEqualTo(20_000);
            assertThat(gateway.ledger().outstanding("cust-1", "GBP")).isEqualTo(10_000);
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRepeatedKeyReturnsTheOriginalOutcomeAndNeverChargesTwice() {
            ChargeReply first = gateway.charge(charge("order-1/charge", "order-1", 2599, "tok_visa"));

            for (int i = 0; i < 5; i++) {
                ChargeReply again = gateway.charge(charge("order-1/charge", "order-1", 2599, "tok_visa"));
                assertThat(again.reference()).isEqualTo(first.reference());
                assertThat(again.replayed()).isTrue();
            }

            assertThat(gateway.ledger().chargesFor("order-1")).hasSize(1);
            assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isEqualTo(2599);
            assertThat(gateway.ledger().callsWith("order-1/charge")).isEqualTo(6);
        }

        @Test
        void aRepeatedDeclineIsStillADecline() {
            gateway.charge(charge("k1", "o1", 100, "tok_decline"));

            ChargeReply again = gateway.charge(charge("k1", "o1", 100, "tok_decline"));

            assertThat(again.status()).isEqualTo(Status.DECLINED);
            assertThat(again.replayed()).isTrue();
        }

        @Test
        void aLookupFindsTheFinalAnswerOfAKeyAndChangesNothing() {
            ChargeReply approved = gateway.charge(charge("k-found", "o-found", 100, "tok_visa"));
            gateway.charge(charge("k-declined", "o-declined", 100, "tok_decline"));

            assertThat(gateway.lookup("k-found")).get()
                    .satisfies(entry -> assertThat(entry.reply().reference()).isEqualTo(approved.reference()));
            assertThat(gateway.lookup("k-declined")).get()
                    .satisfies(entry -> assertThat(entry.reply().status()).isEqualTo(Status.DECLINED));
            assertThat(gateway.charge(charge("k-found", "o-found", 100, "tok_visa")).replayed()).isTrue();
            assertThat(gateway.ledger().callsWith("k-found")).isEqualTo(2);
        }

        @Test
        void aLookupThatFindsNothingVoidsTheKeySoALateRequestChargesNothing() {
            // the caller's attempts all failed transiently; it asks, and is told "no charge"
            gateway.charge(charge("k-lost", "o-lost", 100, "tok_transient_1"));

            assertThat(gateway.lookup("k-lost")).isEmpty();

            // a request with that key still on its way arrives afterwards: refused, never captured
            ChargeReply late = gateway.charge(charge("k-lost", "o-lost", 100, "tok_transient_1"));
            assertThat(late.status()).isEqualTo(Status.VOIDED);
            assertThat(late.isFinal()).isFalse();
            assertThat(gateway.lookup("k-lost")).isEmpty();
            assertThat(gateway.ledger().isVoided("k-lost")).isTrue();
            assertThat(gateway.ledger().capturedChargesFor("o-lost")).isEmpty();
            assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isZero();
        }

        @Test
        void aKeyReusedForADifferentChargeIsAConflictAndChargesNothing() {
            gateway.charge(charge("k1", "o1", 100, "tok_visa"));

            ChargeReply conflict = gateway.charge(charge("k1", "o1", 999, "tok_visa"));

            assertThat(conflict.status()).isEqualTo(Status.IDEMPOTENCY_CONFLICT);
            assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isEqualTo(100);
        }

        @Test
        void concurrentCallsWithOneKeyChargeOnce() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<ChargeReply>> calls = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    calls.add(() -> gateway.charge(charge("k1", "o1", 100, "tok_transient_3")));
                }
                List<String> references = new ArrayList<>();
                for (Future<ChargeReply> reply : pool.invokeAll(calls)) {
                    if (reply.get().status() == Status.APPROVED) {
                        references.add(reply.get().reference());
                    }
                }
                assertThat(references).hasSize(37).containsOnly("ch_000001");
                assertThat(gateway.ledger().capturedChargesFor("o1")).hasSize(1);
                assertThat(gateway.ledger().totalCharged("cust-1", "GBP")).isEqualTo(100);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Refunds {

        @Test
        void aCapturedChargeIsRefundedOnceByItsKey() {
            gateway.charge(charge("k1", "o1", 2599, "tok_visa"));

            RefundReply refund = gateway.refund(new RefundCall("r1", "k1", "item not found"));
            RefundReply again = gateway.refund(new RefundCall("r1", "k1", "item not found"));
            RefundReply otherKey = gateway.refund(new RefundCall("r2", "k1", "item not found"));

            assertThat(refund.status()).isEqualTo(RefundReply.Status.REFUNDED);
            assertThat(refund.reference()).isEqualTo("re_000001");
            assertThat(again).isEqualTo(refund.asReplay());
            assertThat(otherKey.status()).isEqualTo(RefundReply.Status.REFUSED);
            assertThat(otherKey.message()).contains("already refunded with key r1");
            assertThat(gateway.ledger().charge("k1").orElseThrow().refundKey()).isEqualTo("r1");
            assertThat(gateway.ledger().outstanding("cust-1", "GBP")).isZero();
        }

        @Test
        void aRefundOfNoCapturedChargeIsRefused() {
            gateway.charge(charge("k1", "o1", 100, "tok_decline"));

            assertThat(gateway.refund(new RefundCall("r1", "k1", "x")).status()).isEqualTo(RefundReply.Status.REFUSED);
            assertThat(gateway.refund(new RefundCall("r2", "nope", "x")).status()).isEqualTo(RefundReply.Status.REFUSED);
        }

        @Test
        void aRefundKeyReusedForAnotherChargeIsAConflict() {
            gateway.charge(charge("k1", "o1", 100, "tok_visa"));
            gateway.charge(charge("k2", "o2", 100, "tok_visa"));
            gateway.refund(new RefundCall("r1", "k1", "x"));

            assertThat(gateway.refund(new RefundCall("r1", "k2", "x")).status())
                    .isEqualTo(RefundReply.Status.IDEMPOTENCY_CONFLICT);
            assertThat(gateway.ledger().charge("k2").orElseThrow().refunded()).isFalse();
        }
    }
}
