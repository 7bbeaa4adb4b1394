package com.musiccorp.platform.http;

import java.util.List;
import java.util.Optional;

/**
 * Which GET paths of a context read one key of one store, so any instance can send the request to
 * the instance that owns the key. First match wins; a route without a store marks a path that is
 * answered where it arrives (e.g. {@code /sagas/counts} before {@code /sagas/{key}}).
 */
public record KeyRoutes(List<Route> routes) {

    /**
     * @param template literal segments and one {@code {key}} segment, e.g. {@code /orders/{key}}
     * @param store    the store the key is looked up in; null: answered here
     * @param segments the template split at {@code /}, once (every GET to a context is matched)
     */
    public record Route(String template, String store, List<String> segments) {

        public Route {
            if (!segments.equals(segmentsOf(template))) {
                throw new IllegalArgumentException(segments + " are not the segments of " + template);
            }
        }

        public Route(String template, String store) {
            this(template, store, segmentsOf(template));
        }

        private static List<String> segmentsOf(String template) {
            return List.of(template.split("/", -1));
        }

        private Optional<String> keyOf(String[] got) {
            if (segments.size() != got.length) return Optional.empty();
            String key = null;
            for (int i = 0; i < got.length; i++) {
                String want = segments.get(i);
                if (want.equals("{key}")) {
                    if (got[i].isEmpty()) return Optional.empty();
                    try {
                        key = java.net.URLDecoder.decode(got[i], java.nio.charset.StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException malformedEscape) {
                        return Optional.empty(); // not a key: the controller answers 400 for it
                    }
                } else if (!want.equals(got[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(key == null ? "" : key);
        }
    }

    /** A key of {@code store} read by GET {@code template}. */
    public static Route key(String template, String store) {
        if (!template.contains("{key}")) throw new IllegalArgumentException(template + " has no {key} segment");
        return new Route(template, store);
    }

    /** A path answered by whichever instance receives it. */
    public static Route here(String template) {
        return new Route(template, null);
    }

    public static KeyRoutes of(Route... routes) {
        return new KeyRoutes(List.of(routes));
    }

    /** The store and key a path reads, if it reads one key of one store. */
    public Optional<StoreKey> match(String path) {
        String[] segments = path.split("/", -1);
        for (Route route : routes) {
            Optional<String> key = route.keyOf(segments);
            if (key.isPresent()) {
                return route.store() == null ? Optional.empty() : Optional.of(new StoreKey(route.store(), key.get()));
            }
        }
        return Optional.empty();
    }

    public record StoreKey(String store, String key) {
    }
}
