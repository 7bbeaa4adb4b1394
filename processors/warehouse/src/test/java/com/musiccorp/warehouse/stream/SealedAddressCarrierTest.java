package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
import com.musiccorp.platform.personaldata.KeyRing;
import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SealedAddressCarrierTest {

    private final KeyRing keys = new KeyRing(Clock.systemUTC());
    private final PersonalData personalData = new PersonalData(keys);
    private final List<Address> handed = new ArrayList<>();
    private final Carrier recording = (key, orderId, address, attempt) -> {
        handed.add(address);
        return DispatchResult.booked("Van", "T-1");
    };
    private final Address sealed = Address.newBuilder().setName(personalData.seal("cust-1", "Ada"))
            .setLine1(personalData.seal("cust-1", "1 Abbey Road")).setLine2(null).setCity("London")
            .setPostalCode("NW8 9AY").setCountryCode("GB").build();

    @Test
    void theCarrierGetsTheAddressOpened() {
        assertThat(new SealedAddressCarrier(recording, personalData).book(UUID.randomUUID(), "o-1", sealed, 1))
                .isInstanceOf(DispatchResult.Booked.class);
        assertThat(handed).singleElement().satisfies(a -> {
            assertThat(a.getName()).isEqualTo("Ada");
            assertThat(a.getLine1()).isEqualTo("1 Abbey Road");
            assertThat(a.getLine2()).isNull();
            assertThat(a.getPostalCode()).isEqualTo("NW8 9AY");
        });
    }

    @Test
    void anErasedCustomerIsNotBookedAtAll() {
        keys.erase("cust-1");
        DispatchResult result = new SealedAddressCarrier(recording, personalData).book(UUID.randomUUID(), "o-1", sealed, 1);
        assertThat(result).isEqualTo(DispatchResult.noCapacity(SealedAddressCarrier.ERASED));
        assertThat(handed).isEmpty();
    }
}
