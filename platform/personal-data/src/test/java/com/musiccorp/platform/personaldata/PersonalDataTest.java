package com.musiccorp.platform.personaldata;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataTest {

    private final KeyRing ring = new KeyRing(Clock.systemUTC());
    private final PersonalData personalData = new PersonalData(ring);

    @Test
    void sealedFieldsOpenAndNeverShowTheText() {
        String sealed = personalData.seal("cust-1", "Ada Lovelace");

        assertThat(sealed).startsWith("pii:1:").doesNotContain("Ada").doesNotContain("Lovelace");
        assertThat(personalData.open(sealed)).isEqualTo(new Opened.Plain("Ada Lovelace"));
    }

    @Test
    void aSealedFieldCostsLittleMoreThanItsText() {
        // pii:1: + a 16-character key id + : + base64url of (16-byte SIV + the text): 71 for 20 characters.
        assertThat(personalData.seal("cust-1", "x".repeat(20))).hasSize(6 + 16 + 1 + 48);
    }

    @Test
    void theSameTextOfTheSameCustomerSealsTheSameSoARetryComparesEqual() {
        assertThat(personalData.seal("cust-1", "ada@example.com")).isEqualTo(personalData.seal("cust-1", "ada@example.com"));
        assertThat(personalData.seal("cust-1", "ada@example.com")).isNotEqualTo(personalData.seal("cust-2", "ada@example.com"));
    }

    @Test
    void erasingDestroysEveryCopyWhileOtherCustomersStayReadable() {
        String ada = personalData.seal("cust-1", "Ada");
        String grace = personalData.seal("cust-2", "Grace");

        assertThat(ring.erase("cust-1")).isEqualTo(1);
        assertThat(ring.erase("cust-1")).as("idempotent").isZero();

        assertThat(personalData.open(ada)).isInstanceOf(Opened.Erased.class);
        assertThat(personalData.open(ada).orElse("(erased)")).isEqualTo("(erased)");
        assertThat(personalData.open(grace)).isEqualTo(new Opened.Plain("Grace"));
        // A later order of the erased customer gets a new key; the old fields stay erased.
        String again = personalData.seal("cust-1", "Ada");
        assertThat(again).isNotEqualTo(ada);
        assertThat(personalData.open(again)).isEqualTo(new Opened.Plain("Ada"));
        assertThat(personalData.open(ada)).isInstanceOf(Opened.Erased.class);
    }

    @Test
    void plainTextAndNullPassThroughAndAKeyNeverSeenIsUnavailableNotErased() {
        assertThat(personalData.open("written before sealing")).isEqualTo(new Opened.Plain("written before sealing"));
        assertThat(personalData.seal("cust-1", null)).isNull();
        String foreign = new SealedValue("no-such-key", new byte[] {1, 2, 3}).text();
        assertThat(personalData.open(foreign, Duration.ofMillis(50))).isInstanceOf(Opened.Unavailable.class);
        assertThat(personalData.open("pii:1:broken", Duration.ZERO)).isInstanceOf(Opened.Unavailable.class);
    }

    @Test
    void aKeysetThatIsNoKeyLeavesItsFieldsUnavailableNotBroken() {
        ring.learn(CustomerKey.of("garbled", "cust-7", new byte[] {1, 2, 3}));
        String value = new SealedValue("garbled", new byte[] {4, 5, 6}).text();
        assertThat(personalData.open(value, Duration.ZERO)).isInstanceOf(Opened.Unavailable.class);
    }

    @Test
    void aKeySurvivesItsStoredForm() {
        CustomerKey key = CustomerKey.generate("cust-9");
        CustomerKey again = CustomerKey.of(key.keyId(), "cust-9", key.keyset());
        assertThat(again.seal("x")).isEqualTo(key.seal("x"));
        assertThat(key.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(key.keyset()));
    }
}
