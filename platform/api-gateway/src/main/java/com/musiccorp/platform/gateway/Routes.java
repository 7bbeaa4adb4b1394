package com.musiccorp.platform.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The routing table: which service owns which paths. Read from {@code MUSICCORP_ROUTES}, which the
 * start command writes from the services' {@code routes=} declarations and READY lines, e.g.
 * {@code /orders=orders@http://localhost:8082,/stock=warehouse@http://localhost:8083}.
 */
public final class Routes {

    private final List<Route> routes;

    public Routes(List<Route> routes) {
        List<Route> sorted = new ArrayList<>(routes);
        // Longest prefix first, so /sagas/x can never be taken by a shorter route.
        sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (sorted.get(i).prefix().equals(sorted.get(j).prefix())) {
                    throw new IllegalArgumentException("two services claim " + sorted.get(i).prefix() + ": "
                            + sorted.get(i).service() + " and " + sorted.get(j).service());
                }
            }
        }
        this.routes = List.copyOf(sorted);
    }

    /** Parses {@code prefix=service@url} entries separated by commas; blanks are ignored. */
    public static Routes parse(String spec) {
        List<Route> routes = new ArrayList<>();
        for (String entry : spec == null ? new String[0] : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) continue;
            int eq = e.indexOf('=');
            int at = e.indexOf('@', eq + 1);
            if (eq < 1 || at < 0) {
                throw new IllegalArgumentException("route '" + e + "' is not prefix=service@http://host:port");
            }
            routes.add(new Route(e.substring(0, eq), e.substring(eq + 1, at), URI.create(e.substring(at + 1))));
        }
        return new Routes(routes);
    }

    public Optional<Route> find(String path) {
        return routes.stream().filter(r -> r.matches(path)).findFirst();
    }

    public List<Route> all() {
        return routes;
    }
}
