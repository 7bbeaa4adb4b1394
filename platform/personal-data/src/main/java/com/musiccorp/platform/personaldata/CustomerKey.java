package com.musiccorp.platform.personaldata;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.UUID;

/**
 * One customer's key for their personal fields: Tink's deterministic AEAD (AES-256-SIV), with the
 * customer id as associated data, so a sealed field opens only with its own customer's key record.
 *
 * <p>Deterministic on purpose: the same text of the same customer seals to the same value, so a
 * retried order compares equal to the one it retries and a decision is the same bytes whoever
 * takes it again. It shows only that two of one customer's fields are equal, which they are.
 */
public final class CustomerKey {

    static {
        try {
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String keyId;
    private final String customerId;
    private final byte[] keyset;
    private final DeterministicAead aead;

    private CustomerKey(String keyId, String customerId, byte[] keyset, DeterministicAead aead) {
        this.keyId = keyId;
        this.customerId = customerId;
        this.keyset = keyset;
        this.aead = aead;
    }

    /** A new random key for the customer, under a new random key id. */
    public static CustomerKey generate(String customerId) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV);
            return of(UUID.randomUUID().toString(), customerId,
                    TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key", e);
        }
    }

    /** The key as stored: its id, its customer and Tink's serialized keyset. */
    public static CustomerKey of(String keyId, String customerId, byte[] keyset) {
        Objects.requireNonNull(customerId, "customerId");
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
            return new CustomerKey(keyId, customerId, keyset.clone(),
                    handle.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key " + keyId + " is not a deterministic-AEAD keyset", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String customerId() {
        return customerId;
    }

    /** The serialized keyset, for the key topic only. */
    public byte[] keyset() {
        return keyset.clone();
    }

    public SealedValue seal(String plaintext) {
        try {
            return new SealedValue(keyId, aead.encryptDeterministically(
                    plaintext.getBytes(StandardCharsets.UTF_8), associatedData()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with key " + keyId, e);
        }
    }

    /** @throws GeneralSecurityException the value was not sealed with this key for this customer */
    public String open(SealedValue sealed) throws GeneralSecurityException {
        return new String(aead.decryptDeterministically(sealed.ciphertext(), associatedData()), StandardCharsets.UTF_8);
    }

    private byte[] associatedData() {
        return customerId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CustomerKey[" + keyId + " of " + customerId + "]"; // never the keyset
    }
}
