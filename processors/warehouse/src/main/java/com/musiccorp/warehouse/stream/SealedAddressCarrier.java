package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
import com.musiccorp.platform.personaldata.Opened;
import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchResult;

import java.util.UUID;

/**
 * Hands the carrier the address it needs to deliver: the order's name and street lines travel sealed
 * under the customer's key (as every event and store holds them) and are opened only here, for the
 * call. A customer erased before dispatch cannot be delivered to: the booking is refused without a
 * call, and the warehouse's usual back-off ends in {@code DispatchFailed} for an operator. A key not
 * here yet (made a moment ago) is no answer: the attempt is booked again at the next scan.
 */
public final class SealedAddressCarrier implements Carrier {

    static final String ERASED = "the customer's personal data was erased: no address to deliver to";

    private final Carrier carrier;
    private final PersonalData personalData;

    public SealedAddressCarrier(Carrier carrier, PersonalData personalData) {
        this.carrier = carrier;
        this.personalData = personalData;
    }

    @Override
    public DispatchResult book(UUID bookingKey, String orderId, Address address, int attempt) {
        Opened name = personalData.open(address.getName());
        Opened line1 = personalData.open(address.getLine1());
        Opened line2 = personalData.open(address.getLine2());
        if (name instanceof Opened.Erased || line1 instanceof Opened.Erased || line2 instanceof Opened.Erased) {
            return DispatchResult.noCapacity(ERASED);
        }
        for (Opened field : new Opened[] {name, line1, line2}) {
            if (field instanceof Opened.Unavailable unavailable) {
                throw new IllegalStateException("order " + orderId + ": the address cannot be opened yet: " + unavailable.reason());
            }
        }
        Address opened = Address.newBuilder(address).setName(name.orElse(null)).setLine1(line1.orElse(null))
                .setLine2(line2.orElse(null)).build();
        return carrier.book(bookingKey, orderId, opened, attempt);
    }
}
