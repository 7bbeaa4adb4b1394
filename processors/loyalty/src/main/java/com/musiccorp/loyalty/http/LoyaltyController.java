package com.musiccorp.loyalty.http;

import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.stream.BalanceQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Optional;

/**
 * {@code GET /loyalty/{customerId}}: the customer's points balance from {@code customer-balance-store}.
 * 404 for a customer never credited; 503 with {@code Retry-After} while the store cannot answer.
 */
@Controller("/loyalty")
@Requires(property = LoyaltyHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class LoyaltyController {

    private final BalanceQueries balances;

    LoyaltyController(BalanceQueries balances) {
        this.balances = balances;
    }

    @Get("/{customerId}")
    HttpResponse<?> balance(String customerId) {
        Optional<CustomerBalance> balance;
        try {
            balance = balances.find(customerId);
        } catch (BalanceQueries.StoreNotReady e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(new Problem(e.getMessage()));
        }
        return balance.<HttpResponse<?>>map(b -> HttpResponse.ok(
                        new Balance(customerId, b.balance(), b.creditedOrders())))
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND)
                        .body(new Problem("no points were ever credited to customer " + customerId)));
    }

    @Serdeable
    record Balance(String customerId, long balance, long creditedOrders) {
    }

    @Serdeable
    record Problem(String error) {
    }
}
