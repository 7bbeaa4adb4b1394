package com.musiccorp.schemas.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.schemas.compat.SubjectReport.Problem;
import com.musiccorp.schemas.compat.SubjectReport.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Asks a Confluent-compatible schema registry whether a schema is compatible with the latest
 * version of its subject, at the level configured in the registry:
 * {@code POST {base}/compatibility/subjects/{subject}/versions/latest?verbose=true}.
 * Works with Confluent and with Apicurio's ccompat API (base URL {@code .../apis/ccompat/v7}).
 */
public final class RegistryCompatibilityClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  /** Confluent's codes for "subject not found" and "version not found": nothing to break yet. */
  private static final List<Integer> NOT_REGISTERED = List.of(40401, 40402);

  private final URI baseUrl;
  private final HttpClient http;
  /** {@code Basic base64(user:password)}, or null: a registry may require it for reads too. */
  private final String authorization;
  private final ObjectMapper json = new ObjectMapper();

  public RegistryCompatibilityClient(URI baseUrl) {
    this(baseUrl, (String) null);
  }

  /** With {@code userInfo} ({@code user:password}, Confluent's basic.auth.user.info), or null for none. */
  public RegistryCompatibilityClient(URI baseUrl, String userInfo) {
    this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), userInfo);
  }

  RegistryCompatibilityClient(URI baseUrl, HttpClient http) {
    this(baseUrl, http, null);
  }

  private RegistryCompatibilityClient(URI baseUrl, HttpClient http, String userInfo) {
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
    this.http = http;
    this.authorization = userInfo == null || userInfo.isBlank() ? null
        : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  public SubjectReport check(String subject, Schema schema) {
    String checked = "registry latest of " + baseUrl;
    try {
      // Confluent 7+ answers an unknown subject's compatibility test with is_compatible=true
      // (confluentinc/schema-registry#2624), so ask whether the subject exists first.
      HttpResponse<String> versions = http.send(versionsRequest(subject), HttpResponse.BodyHandlers.ofString());
      if (versions.statusCode() == 404 && NOT_REGISTERED.contains(parse(versions.body()).path("error_code").asInt())) {
        return new SubjectReport(subject, Status.NEW, "not registered in " + baseUrl, List.of());
      }
      HttpResponse<String> response = http.send(request(subject, schema), HttpResponse.BodyHandlers.ofString());
      JsonNode body = parse(response.body());
      if (response.statusCode() == 200) {
        if (body.path("is_compatible").asBoolean(false)) {
          return new SubjectReport(subject, Status.OK, checked, List.of());
        }
        return new SubjectReport(subject, Status.INCOMPATIBLE, checked, messages(body));
      }
      if (response.statusCode() == 404 && NOT_REGISTERED.contains(body.path("error_code").asInt())) {
        return new SubjectReport(subject, Status.NEW, "not registered in " + baseUrl, List.of());
      }
      return error(subject, checked, "HTTP " + response.statusCode() + ": " + response.body());
    } catch (IOException e) {
      return error(subject, checked, "registry unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(subject, checked, "interrupted");
    }
  }

  private HttpRequest versionsRequest(String subject) {
    String path = "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions";
    return authorized(HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", CONTENT_TYPE + ", application/json")
        .GET());
  }

  private HttpRequest request(String subject, Schema schema) throws IOException {
    String path = "compatibility/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
        + "/versions/latest?verbose=true";
    String body = json.writeValueAsString(json.createObjectNode().put("schema", schema.toString()));
    return authorized(HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", CONTENT_TYPE)
        .header("Accept", CONTENT_TYPE + ", application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  private HttpRequest authorized(HttpRequest.Builder request) {
    if (authorization != null) request.header("Authorization", authorization);
    return request.build();
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  private static List<Problem> messages(JsonNode body) {
    List<Problem> problems = new ArrayList<>();
    body.path("messages").forEach(message -> problems.add(new Problem("latest", message.asText())));
    if (problems.isEmpty()) {
      // Registries that ignore ?verbose=true give no reason; say so instead of printing nothing.
      problems.add(new Problem("latest", "registry says incompatible (no reason given)"));
    }
    return problems;
  }

  private static SubjectReport error(String subject, String checked, String reason) {
    return new SubjectReport(subject, Status.ERROR, checked, List.of(new Problem("latest", reason)));
  }
}
