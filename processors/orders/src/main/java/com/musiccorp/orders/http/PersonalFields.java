package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.OrderView;
import com.musiccorp.platform.personaldata.Opened;
import com.musiccorp.platform.personaldata.PersonalData;

/**
 * Opens an order view's sealed personal fields for a reader allowed to see them. If any field's
 * key was destroyed the view says {@code erased} and shows none of them; a key this process cannot
 * read says {@code unavailable}. Nothing but the view is ever opened: the store keeps sealed text.
 * Both the live view ({@code GET /orders/{id}}) and a rebuild's ({@code /admin/orders/rebuild/view/{id}}) show through it.
 */
public final class PersonalFields {

    private final PersonalData personalData;

    public PersonalFields(PersonalData personalData) {
        this.personalData = personalData;
    }

    public OrderView opened(OrderView view) {
        String[] verdict = {OrderView.SHOWN};
        OrderView opened = view.withPersonalFields(value -> {
            Opened field = personalData.open(value);
            if (field instanceof Opened.Erased) {
                verdict[0] = OrderView.ERASED;
            } else if (field instanceof Opened.Unavailable && !verdict[0].equals(OrderView.ERASED)) {
                verdict[0] = OrderView.UNAVAILABLE;
            }
            return field.orElse(null);
        }, OrderView.SHOWN);
        return verdict[0].equals(OrderView.SHOWN) ? opened : view.withPersonalFields(value -> null, verdict[0]);
    }
}
