package com.musiccorp.loyalty.http;

import com.musiccorp.platform.http.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.stream.BalanceQueries;
import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /loyalty/{customerId}}: the customer's points balance from {@code customer-balance-store}.
 * 400 naming {@code customerId} for an id that breaks the identifier rule; 404 for a customer never
 * credited; 503 with {@code Retry-After} while the store cannot answer.
 */
@Controller("/loyalty")
@Secured({Roles.OPERATOR, Roles.ADMIN})
@Requires(property = LoyaltyHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class LoyaltyController {

    private final BalanceQueries balances;

    LoyaltyController(BalanceQueries balances) {
        this.balances = balances;
    }

    @Get("/{customerId}")
    HttpResponse<?> balance(String customerId) {
        String problem = ContractLimits.identifierProblem(customerId);
        if (problem != null) { // the same rule as every id, before the store is asked
            return HttpResponse.badRequest(new Problem("customerId " + problem,
                    List.of(new FieldViolation("customerId", problem))));
        }
        Optional<CustomerBalance> balance;
        try {
            balance = balances.find(customerId);
        } catch (BalanceQueries.StoreNotReady e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(Problem.of(e.getMessage()));
        }
        return balance.<HttpResponse<?>>map(b -> HttpResponse.ok(
                        new Balance(customerId, b.balance(), b.creditedOrders())))
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND)
                        .body(Problem.of("no points were ever credited to customer " + customerId)));
    }

    @Serdeable
    record Balance(String customerId, long balance, long creditedOrders) {
    }

    /** The same shape as every service's refusals: a message, and each field at fault. */
    @Serdeable
    record Problem(String message, List<FieldViolation> violations) {
        static Problem of(String message) {
            return new Problem(message, List.of());
        }
    }

    @Serdeable
    record FieldViolation(String field, String message) {
    }
}
