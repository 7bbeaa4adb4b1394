package com.musiccorp.warehouse.domain;

import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.schemas.ContractLimits;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The contract's bounds an order must keep before the warehouse takes it on. Orders checks them
 * when it accepts an order; the warehouse checks again because anyone who can write to
 * orders.events can send anything, and the order's state keeps the whole order and one answer per
 * line: an order breaking them is rejected (EventRejected), never reserved.
 */
final class OrderLimits {

    private OrderLimits() {
    }

    /** What is wrong with the order, naming the field; empty when it may be taken on. */
    static Optional<String> problemOf(OrderPlaced order) {
        String idProblem = ContractLimits.identifierProblem(order.getOrderId());
        if (idProblem != null) {
            return Optional.of("orderId " + idProblem);
        }
        int lines = order.getLines().size();
        if (lines < 1 || lines > ContractLimits.MAX_LINES_PER_ORDER) {
            return Optional.of("lines must be 1 to " + ContractLimits.MAX_LINES_PER_ORDER + ", not " + lines);
        }
        Set<Integer> lineNumbers = new HashSet<>();
        for (int i = 0; i < lines; i++) {
            Optional<String> problem = problemOf(order.getLines().get(i), lineNumbers);
            if (problem.isPresent()) {
                return Optional.of("lines[" + i + "]." + problem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemOf(OrderLine line, Set<Integer> lineNumbers) {
        if (!lineNumbers.add(line.getLineNumber())) {
            return Optional.of("lineNumber " + line.getLineNumber() + " is given twice");
        }
        String sku = ContractLimits.identifierProblem(line.getSku());
        if (sku != null) {
            return Optional.of("sku " + sku);
        }
        if (line.getQuantity() < 1 || line.getQuantity() > ContractLimits.MAX_QUANTITY) {
            return Optional.of("quantity must be 1 to " + ContractLimits.MAX_QUANTITY + ", not " + line.getQuantity());
        }
        String title = ContractLimits.textProblem(line.getTitle(), ContractLimits.MAX_TEXT_LENGTH);
        if (title != null) {
            return Optional.of("title " + title);
        }
        String artist = ContractLimits.textProblem(line.getArtist(), ContractLimits.MAX_TEXT_LENGTH);
        return Optional.ofNullable(artist).map(problem -> "artist " + problem);
    }
}
