package com.musiccorp.notifications.domain;

import com.musiccorp.events.Money;
import com.musiccorp.events.NotificationTemplate;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * What a message says, before it is addressed: its template, subject line and the paragraph that
 * explains it. Everything here comes from the triggering event, so a message can be decided before
 * the recipient is known and addressed later.
 */
public record Message(NotificationTemplate template, String subject, String text) {

    public Message {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /** The body as sent: a greeting by name, the text, a signature. */
    public String bodyFor(String name) {
        return "Dear " + name + ",\n\n" + text + "\n\nMusicCorp";
    }

    static Message confirmation(String orderId, Money total) {
        return new Message(NotificationTemplate.ORDER_CONFIRMATION,
                "Thank you for your order " + orderId,
                "We have received your order " + orderId + " (total " + format(total) + "). We will let you know"
                        + " when it is on its way.");
    }

    static Message dispatched(String orderId, String carrier, String trackingNumber) {
        return new Message(NotificationTemplate.ORDER_DISPATCHED,
                "Your order " + orderId + " is on its way",
                "Your order " + orderId + " has been handed to " + carrier + ". Tracking number: "
                        + trackingNumber + ".");
    }

    static Message delayed(String orderId) {
        return new Message(NotificationTemplate.ORDER_DELAYED,
                "Your order " + orderId + " is delayed",
                "We could not hand your order " + orderId + " to the carrier yet. We are trying again and will"
                        + " tell you when it is on its way.");
    }

    static Message cancelled(String orderId, String reason) {
        return new Message(NotificationTemplate.ORDER_CANCELLED,
                "Your order " + orderId + " has been cancelled",
                "We are sorry: your order " + orderId + " has been cancelled (" + reason + "). If you have"
                        + " been charged, the money will be refunded.");
    }

    static Message apology(String orderId) {
        return new Message(NotificationTemplate.ORDER_PROBLEM_APOLOGY,
                "We are sorry: a problem with your order " + orderId,
                "We confirmed your order " + orderId + ", but an item in it could not be found in our"
                        + " warehouse, so we cannot send it. We apologise. Any payment will be refunded in full.");
    }

    static Message refund(String orderId, Money amount) {
        return new Message(NotificationTemplate.REFUND_ISSUED,
                "Your refund of " + format(amount) + " for order " + orderId,
                "We have refunded " + format(amount) + " for your order " + orderId + " to your original"
                        + " payment method.");
    }

    /** "25.99 GBP": minor units shown with the currency's usual number of decimals. */
    static String format(Money money) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(money.getCurrency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            digits = 2;
        }
        return BigDecimal.valueOf(money.getAmountMinor(), digits).toPlainString() + " " + money.getCurrency();
    }
}
