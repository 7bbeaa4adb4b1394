package com.musiccorp.cli;

/** Hand-written events as a person would type them: plain JSON, no metadata, no Avro wrappers. */
final class Events {
    private Events() {
    }

    static String orderPlaced(String orderId, String quantity) {
        return """
                {"orderId": "%s",
                 "customer": {"customerId": "cust-1", "name": "Ada Lovelace", "email": "ada@example.com"},
                 "lines": [{"lineNumber": 1, "sku": "SKU-1", "title": "Blue Train", "artist": "John Coltrane",
                            "format": "VINYL", "quantity": %s, "unitPrice": {"amountMinor": 2499, "currency": "GBP"}}],
                 "subtotal": {"amountMinor": 4998, "currency": "GBP"},
                 "shippingCost": {"amountMinor": 399, "currency": "GBP"},
                 "total": {"amountMinor": 5397, "currency": "GBP"},
                 "currency": "GBP",
                 "shippingAddress": {"name": "Ada Lovelace", "line1": "3 Abbey Road", "city": "London",
                                     "postalCode": "NW8 9AY", "countryCode": "GB"},
                 "paymentMethodToken": "tok_ok",
                 "placedAt": "2026-11-20T10:00:00Z"}
                """.formatted(orderId, quantity);
    }

    static String paymentTaken(String orderId, String metadata) {
        return """
                {%s"orderId": "%s", "paymentId": "pay-1", "amount": {"amountMinor": 5397, "currency": "GBP"},
                 "customerId": "cust-1", "gatewayReference": "gw-1", "takenAt": 1763632800000}
                """.formatted(metadata == null ? "" : "\"metadata\": " + metadata + ", ", orderId);
    }
}
