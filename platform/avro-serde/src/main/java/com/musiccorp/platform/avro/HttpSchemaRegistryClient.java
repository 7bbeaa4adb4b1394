package com.musiccorp.platform.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API with {@code java.net.http}. Works with
 * Confluent, with the project's own registry and with Apicurio's ccompat API.
 *
 * <p>Schemas never change once registered, so id-to-schema and (subject, schema)-to-id answers are
 * cached for good (bounded); only "latest" and compatibility questions always go to the registry.
 * Only connect failures and 503 are retried: any other answer is the registry's verdict.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";

    private final RegistryClientOptions options;
    private final List<URI> urls;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;
    /** Index of the URL that answered last; requests start there so a dead first URL costs one failover, not one per call. */
    private volatile int preferred;

    private record SubjectSchema(String subject, Schema schema) {
    }

    public HttpSchemaRegistryClient(String commaSeparatedUrls) {
        this(RegistryClientOptions.of(commaSeparatedUrls));
    }

    public HttpSchemaRegistryClient(RegistryClientOptions options) {
        this.options = options;
        this.urls = options.urls().stream().map(HttpSchemaRegistryClient::withoutUserInfo).toList();
        this.authorization = basicAuth(options);
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        this.schemasById = new BoundedCache<>(options.cacheCapacity());
        this.idsBySubjectSchema = new BoundedCache<>(options.cacheCapacity());
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.getOrLoad(new SubjectSchema(subject, schema), key -> {
            // No "schemaType": AVRO is the default, and registries older than Confluent 5.5 reject the field.
            JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
            int id = answer.path("id").asInt();
            schemasById.put(id, schema);
            log.debug("Registered {} under subject {} as id {}", schema.getFullName(), subject, id);
            return id;
        });
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        return idsBySubjectSchema.getOrLoad(new SubjectSchema(subject, schema), key -> {
            JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt();
            schemasById.put(id, schema);
            return id;
        });
    }

    @Override
    public Schema getById(int id) {
        return schemasById.getOrLoad(id, key -> parseSchema(send("GET", "/schemas/ids/" + id, null)));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = answer.path("id").asInt();
        Schema schema = schemasById.getOrLoad(id, key -> parseSchema(answer));
        return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            // An empty subject has no history to break: every schema is compatible with it.
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) return true;
            throw e;
        }
    }

    @Override
    public String setCompatibility(String subject, String level) {
        ObjectNode body = json.createObjectNode().put("compatibility", level);
        JsonNode answer = send("PUT", configPath(subject), body);
        return answer.path("compatibility").asText(level);
    }

    @Override
    public String getCompatibility(String subject) {
        try {
            return compatibilityLevel(send("GET", configPath(subject), null));
        } catch (SchemaRegistryException e) {
            // 40408 (40401 on older registries): the subject has no level of its own, so the global one applies.
            boolean noOwnLevel = subject != null && e.isNotFound()
                    && (e.errorCode() == SchemaRegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND);
            if (!noOwnLevel) throw e;
            return compatibilityLevel(send("GET", configPath(null), null));
        }
    }

    @Override
    public List<String> listSubjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public void close() {
        http.close();
    }

    // --- HTTP -------------------------------------------------------------------------------

    /** Sends one request, failing over across the URLs and retrying rounds on connect failure or 503. */
    private JsonNode send(String method, String path, JsonNode body) {
        SchemaRegistryException lastRetryable = null;
        for (int round = 0; round <= options.maxRetries(); round++) {
            if (round > 0) pause(round, lastRetryable);
            int start = preferred;
            for (int i = 0; i < urls.size(); i++) {
                int index = (start + i) % urls.size();
                String target = urls.get(index) + path;
                HttpResponse<String> response;
                try {
                    response = http.send(request(method, target, body), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    if (!isConnectFailure(e)) {
                        throw new SchemaRegistryException(target, -1, -1, method + " failed: " + e, e);
                    }
                    lastRetryable = new SchemaRegistryException(target, -1, -1, "cannot connect (" + e + ")", e);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException(target, -1, -1, "interrupted while waiting for " + method, e);
                }
                if (response.statusCode() == 503) { // e.g. a follower without a leader: another node may serve
                    lastRetryable = error(target, response);
                    continue;
                }
                preferred = index;
                if (response.statusCode() / 100 != 2) throw error(target, response);
                return parse(target, response.body());
            }
        }
        throw lastRetryable;
    }

    private HttpRequest request(String method, String target, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target))
                .timeout(options.requestTimeout())
                .header("Accept", ACCEPT);
        if (authorization != null) b.header("Authorization", authorization);
        if (body == null) return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        return b.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    private static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException;
    }

    private void pause(int round, SchemaRegistryException why) {
        long wait = Math.min(options.retryWait().toMillis() << Math.min(round - 1, 20), options.maxRetryWait().toMillis());
        log.warn("Schema registry not available ({}); retry {}/{} in {} ms", why.getMessage(), round, options.maxRetries(), wait);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        if (Thread.currentThread().isInterrupted()) {
            throw new SchemaRegistryException(why.url(), -1, -1, "interrupted while waiting to retry", why);
        }
    }

    private SchemaRegistryException error(String target, HttpResponse<String> response) {
        int code = -1;
        String message = response.body() == null ? "" : response.body().strip();
        try {
            JsonNode node = json.readTree(message);
            if (node != null && node.has("error_code")) {
                code = node.path("error_code").asInt(-1);
                message = node.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // Proxies and load balancers answer in HTML or plain text; keep the body as the message.
        }
        if (message.length() > 500) message = message.substring(0, 500) + "...";
        if (response.statusCode() == 401) message += authorization == null
                ? " (no credentials were sent: set basic.auth.credentials.source=USER_INFO and basic.auth.user.info=<user>:<password>)"
                : " (the registry refused the credentials of basic.auth.user.info)";
        return new SchemaRegistryException(target, response.statusCode(), code, message, null);
    }

    private JsonNode parse(String target, String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(target, 200, -1, "answer is not JSON: " + body, e);
        }
    }

    private ObjectNode schemaBody(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString());
    }

    private static Schema parseSchema(JsonNode answer) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) throw new IllegalStateException("Not an Avro schema but " + type + ": " + answer);
        return new Schema.Parser().parse(answer.path("schema").asText());
    }

    private static String compatibilityLevel(JsonNode answer) {
        // GET answers {"compatibilityLevel": ...}; some registries answer {"compatibility": ...}.
        return answer.has("compatibilityLevel") ? answer.path("compatibilityLevel").asText() : answer.path("compatibility").asText();
    }

    private static String configPath(String subject) {
        return subject == null ? "/config" : "/config/" + encode(subject);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getUserInfo() == null) return uri;
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    /** Explicit user info wins; otherwise credentials embedded in the first URL (Confluent's "URL" source). */
    private static String basicAuth(RegistryClientOptions options) {
        String userInfo = options.userInfo() != null ? options.userInfo() : options.urls().getFirst().getUserInfo();
        if (userInfo == null || userInfo.isEmpty()) return null;
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
