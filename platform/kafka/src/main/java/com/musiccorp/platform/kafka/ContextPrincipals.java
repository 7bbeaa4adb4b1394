package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates a context's principal on a secured cluster: its SCRAM login and its {@link ContextAcls}
 * (and the schema registry's, with {@link RegistryAcls}). Run as the admin (a super user).
 * Idempotent: the password is replaced, existing ACLs stay.
 */
public final class ContextPrincipals {
    /** Kafka's minimum is 4096; the broker derives the salted password once per login, not per request. */
    private static final int ITERATIONS = 8192;

    private final Admin admin;

    public ContextPrincipals(Admin admin) {
        this.admin = admin;
    }

    /** Every principal but the admin: each context of the catalog, then the schema registry. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(TopicCatalog.contexts());
        names.add(RegistryAcls.PRINCIPAL_NAME);
        return List.copyOf(names);
    }

    public void create(String context, String password) {
        create(context, password, ContextAcls.of(context));
    }

    /** The schema registry's principal, for its topic. */
    public void createRegistry(String password, String topic) {
        create(RegistryAcls.PRINCIPAL_NAME, password, RegistryAcls.of(topic));
    }

    /** Any principal with the grants given (e.g. {@link RegistryAcls#confluent} for Confluent's registry). */
    public void create(String context, String password, List<AclBinding> grants) {
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(context,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password)))
                    .all().get(30, TimeUnit.SECONDS);
            admin.createAcls(grants).all().get(30, TimeUnit.SECONDS);
            awaitApplied(context, grants.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the principal of " + context, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Could not create the principal of " + context + ": " + cause, cause);
        }
    }

    /**
     * The calls return once the controller has the login and the ACLs; a broker authenticates and
     * authorises with them only once it has applied that metadata. Whoever created a principal
     * starts its clients next, so wait until the broker serves both back.
     */
    private void awaitApplied(String principal, int grants) throws InterruptedException, TimeoutException {
        AclBindingFilter own = new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                "User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                boolean login = !admin.describeUserScramCredentials(List.of(principal)).description(principal)
                        .get(10, TimeUnit.SECONDS).credentialInfos().isEmpty();
                if (login && admin.describeAcls(own).values().get(10, TimeUnit.SECONDS).size() >= grants) return;
            } catch (ExecutionException notYet) {
                // ResourceNotFoundException until the broker has the login
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("the broker did not apply the login and ACLs of " + principal + " within 30 s");
    }
}
