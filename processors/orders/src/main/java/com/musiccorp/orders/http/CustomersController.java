package com.musiccorp.orders.http;

import com.musiccorp.platform.http.security.Roles;
import com.musiccorp.platform.personaldata.CustomerKeys;
import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.List;

/**
 * {@code DELETE /customers/{id}/personal-data} (admin): the right to erasure, by crypto-shredding.
 * Every key the customer's personal fields were sealed with is destroyed, so those fields, in every
 * event, store, dead letter and copy, read as erased from now on; the events themselves, and so every
 * saga's history, every fold and every rebuild, stay whole. Idempotent.
 */
@Controller("/customers")
@Secured(Roles.ADMIN)
@Requires(property = OrdersHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CustomersController {

    private final CustomerKeys keys;

    CustomersController(CustomerKeys keys) {
        this.keys = keys;
    }

    @Delete("/{customerId}/personal-data")
    HttpResponse<?> erase(String customerId) {
        String problem = ContractLimits.identifierProblem(customerId);
        if (problem != null) {
            return HttpResponse.badRequest(HttpBodies.Problem.refused("customer",
                    List.of(new HttpBodies.FieldViolation("customerId", problem))));
        }
        try {
            return HttpResponse.ok(new HttpBodies.Erasure(customerId, keys.erase(customerId), "erased"));
        } catch (IllegalStateException e) {
            return OrdersController.unavailable(e.getMessage());
        }
    }
}
