package com.musiccorp.platform.personaldata;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.AesSivParameters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One customer's key for their personal fields: Tink's deterministic AEAD (AES-256-SIV), with the
 * customer id as associated data, so a sealed field opens only with its own customer's key record.
 *
 * <p>Deterministic on purpose: the same text of the same customer seals to the same value, so a
 * retried order compares equal to the one it retries and a decision is the same bytes whoever
 * takes it again. It shows only that two of one customer's fields are equal, which they are.
 */
public final class CustomerKey {

    /**
     * AES-256-SIV without Tink's 5-byte key prefix: a keyset holds one key, and the sealed text names
     * it already. Every sealed field is in every copy of an event, so its length is paid many times.
     */
    private static final AesSivParameters AES256_SIV_NO_PREFIX;
    /** 96 random bits: a key id unique among every customer's keys, in 16 characters. */
    private static final int KEY_ID_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        try {
            DeterministicAeadConfig.register();
            AES256_SIV_NO_PREFIX = AesSivParameters.builder().setKeySizeBytes(64)
                    .setVariant(AesSivParameters.Variant.NO_PREFIX).build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Tink's primitives of the keys used lately, by key id. A ring knows every customer's key, and a
     * primitive weighs far more than its 100-byte keyset, so only these many are kept built.
     */
    private static final int PRIMITIVES_KEPT = 10_000;
    private static final Map<String, DeterministicAead> PRIMITIVES = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeterministicAead> eldest) {
            return size() > PRIMITIVES_KEPT;
        }
    };

    private final String keyId;
    private final String customerId;
    private final byte[] keyset;

    private CustomerKey(String keyId, String customerId, byte[] keyset) {
        this.keyId = keyId;
        this.customerId = customerId;
        this.keyset = keyset;
    }

    /** A new random key for the customer, under a new random key id. */
    public static CustomerKey generate(String customerId) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(AES256_SIV_NO_PREFIX);
            byte[] id = new byte[KEY_ID_BYTES];
            RANDOM.nextBytes(id);
            return of(Base64.getUrlEncoder().withoutPadding().encodeToString(id), customerId,
                    TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key", e);
        }
    }

    /** The key as stored: its id, its customer and Tink's serialized keyset. */
    public static CustomerKey of(String keyId, String customerId, byte[] keyset) {
        Objects.requireNonNull(customerId, "customerId");
        // Parsed at first use: a process reads every customer's key when it starts.
        return new CustomerKey(keyId, customerId, keyset.clone());
    }

    /** Drops the key's built primitive: the key was destroyed. */
    static void forget(String keyId) {
        synchronized (PRIMITIVES) {
            PRIMITIVES.remove(keyId);
        }
    }

    private DeterministicAead aead() {
        synchronized (PRIMITIVES) {
            DeterministicAead aead = PRIMITIVES.get(keyId);
            if (aead != null) {
                return aead;
            }
        }
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
            DeterministicAead aead = handle.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
            synchronized (PRIMITIVES) {
                PRIMITIVES.put(keyId, aead);
            }
            return aead;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key " + keyId + " is not a deterministic-AEAD keyset", e);
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
            return new SealedValue(keyId, aead().encryptDeterministically(
                    plaintext.getBytes(StandardCharsets.UTF_8), associatedData()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal with key " + keyId, e);
        }
    }

    /**
     * @throws GeneralSecurityException the value was not sealed with this key for this customer
     * @throws IllegalStateException    the stored keyset is not a deterministic-AEAD keyset
     */
    public String open(SealedValue sealed) throws GeneralSecurityException {
        return new String(aead().decryptDeterministically(sealed.ciphertext(), associatedData()), StandardCharsets.UTF_8);
    }

    private byte[] associatedData() {
        return customerId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CustomerKey[" + keyId + " of " + customerId + "]"; // never the keyset
    }
}
