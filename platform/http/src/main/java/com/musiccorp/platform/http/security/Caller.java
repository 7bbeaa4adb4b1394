package com.musiccorp.platform.http.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, as their token says: for the checks a role alone cannot make, such as "a
 * customer reads only its own orders".
 */
public record Caller(Collection<String> roles, @Nullable String customerId) {

    /** The claim naming the customer a {@link Roles#CUSTOMER} token speaks for. */
    public static final String CUSTOMER_ID_CLAIM = "customerId";

    public static Caller of(@Nullable Authentication authentication) {
        if (authentication == null) {
            return new Caller(List.of(), null);
        }
        Object customerId = authentication.getAttributes().get(CUSTOMER_ID_CLAIM);
        return new Caller(List.copyOf(authentication.getRoles()), customerId == null ? null : customerId.toString());
    }

    /** Operators and admins act for every customer. */
    public boolean actsForEveryone() {
        return roles.contains(Roles.OPERATOR) || roles.contains(Roles.ADMIN);
    }

    /** Whether this caller may see or act on what belongs to {@code ownerCustomerId}. */
    public boolean mayActFor(@Nullable String ownerCustomerId) {
        return actsForEveryone() || (customerId != null && customerId.equals(ownerCustomerId));
    }

    /**
     * Whether this caller may see the name, e-mail and address of {@code ownerCustomerId}: the
     * customer itself and admins. Operators act for everyone without needing them.
     */
    public boolean maySeePersonalDataOf(@Nullable String ownerCustomerId) {
        return roles.contains(Roles.ADMIN) || (customerId != null && customerId.equals(ownerCustomerId));
    }

    /** Empty when allowed; otherwise the 403's message. */
    public Optional<String> refusalFor(String what, @Nullable String ownerCustomerId) {
        if (mayActFor(ownerCustomerId)) {
            return Optional.empty();
        }
        return Optional.of(customerId == null
                ? "this token names no customer, so it may not use " + what
                : "customer " + customerId + " may only use its own " + what);
    }
}
