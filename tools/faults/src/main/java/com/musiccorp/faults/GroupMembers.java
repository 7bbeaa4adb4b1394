package com.musiccorp.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.util.List;

/**
 * Who owns a context's partitions now: the members of its consumer group (generation 0,
 * {@code musiccorp-<context>}) and how many input partitions each has as active tasks. Standby
 * tasks are not partitions of the consumer, so a member holding only standbys owns 0.
 */
record GroupMembers(String group, String state, List<Integer> partitionsPerMember) {

    /** Throws unchecked while the group cannot be described (a coordinator moving): {@link Waits} tries again. */
    static GroupMembers of(SystemUnderFaults system, String context) {
        String group = "musiccorp-" + context;
        try (Admin admin = system.admin()) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            List<Integer> owned = d.members().stream().map(MemberDescription::assignment)
                    .map(a -> a.topicPartitions().size()).toList();
            return new GroupMembers(group, d.groupState().name(), owned);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe " + group + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code n} members, every one of them owning at least one partition, and no rebalance under way. */
    boolean spreadOver(int n) {
        return state.equals("STABLE") && partitionsPerMember.size() == n && partitionsPerMember.stream().allMatch(p -> p > 0);
    }
}
