package com.musiccorp.platform.streams;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/** A topology's nodes by name, for tests of what a record passes on its way. */
public final class TopologyNodes {

    private TopologyNodes() {
    }

    public static TopologyDescription.Node node(Topology topology, String name) {
        return topology.describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no node " + name + " in " + topology.describe()));
    }

    /** The names of the nodes that forward to {@code name}. */
    public static Set<String> predecessors(Topology topology, String name) {
        Set<String> names = new TreeSet<>();
        node(topology, name).predecessors().forEach(p -> names.add(p.name()));
        return names;
    }
}
