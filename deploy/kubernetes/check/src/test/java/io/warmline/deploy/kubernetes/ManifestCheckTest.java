package io.warmline.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The check itself, on the kustomization as kubectl renders it: it passes on the repository's manifests, and each
 * kind of mistake it exists for makes it fail.
 */
class ManifestCheckTest {

    private static ManifestCheck check;

    @BeforeAll
    static void load() {
        check = ManifestCheck.forRepository(Repository.ROOT);
    }

    @Test
    void theRenderedKustomizationPasses() {
        List<String> problems = check.problems(Repository.rendered(), Repository.secretTemplate());
        assertEquals(List.of(), problems, "see " + Repository.RENDERED);
    }

    @Test
    void everyLineOfTheTopicListIsAKafkaTopic() {
        List<String> topics = Repository.rendered().stream().filter(kind("KafkaTopic"))
                .map(t -> t.path("metadata").path("name").asText()).sorted().toList();
        assertEquals(WarmlineSources.read(Repository.ROOT).topics().stream().sorted().toList(), topics);
    }

    @Test
    void aMisspeltFieldInARenderedDeploymentFails() {
        List<JsonNode> rendered = Repository.rendered();
        ObjectNode container = (ObjectNode) first(rendered, "Deployment").path("spec").path("template").path("spec")
                .path("containers").get(0);
        container.set("livenesProbe", container.remove("livenessProbe"));
        assertFails(rendered, "livenesProbe");
    }

    @Test
    void aMisspeltFieldInTheRenderedKafkaFails() {
        List<JsonNode> rendered = Repository.rendered();
        ObjectNode kafka = (ObjectNode) first(rendered, "Kafka").path("spec").path("kafka");
        kafka.set("listener", kafka.remove("listeners"));
        assertFails(rendered, "listener");
    }

    @Test
    void aTopicMissingFromTheManifestsFails() {
        List<JsonNode> rendered = new ArrayList<>(Repository.rendered());
        rendered.remove(first(rendered, "KafkaTopic"));
        assertFails(rendered, "generate.sh");
    }

    @Test
    void anAclBeyondTheServicesOwnTopicsFails() {
        List<JsonNode> rendered = Repository.rendered();
        ObjectNode acl = (ObjectNode) first(rendered, "KafkaUser").path("spec").path("authorization").path("acls").get(0);
        ((ObjectNode) acl.get("resource")).put("name", "warmline.rep-changed");
        assertFails(rendered, "differs from what its source makes");
    }

    @Test
    void aDeadLetterTopicMissingFromTheTopicListFails() {
        List<JsonNode> rendered = new ArrayList<>(Repository.rendered());
        rendered.removeIf(o -> kind("KafkaTopic").test(o)
                && o.path("metadata").path("name").asText().equals("warmline.dlq.scoring-service.lead-received"));
        assertFails(rendered, "its ACLs name topic warmline.dlq.scoring-service.lead-received, which is not in");
    }

    @Test
    void anAlertRuleThatDiffersFromAlertsYmlFails() {
        List<JsonNode> rendered = Repository.rendered();
        ObjectNode rule = (ObjectNode) first(rendered, "PrometheusRule").path("spec").path("groups").get(0)
                .path("rules").get(0);
        rule.put("for", "1h");
        assertFails(rendered, "PrometheusRule warmline-alerts differs");
    }

    @Test
    void moreReplicasThanPartitionsFails() {
        List<JsonNode> rendered = Repository.rendered();
        ((ObjectNode) first(rendered, "HorizontalPodAutoscaler").get("spec")).put("maxReplicas",
                GeneratedManifests.PARTITIONS + 1);
        assertFails(rendered, "exceeds the " + GeneratedManifests.PARTITIONS + " partitions");
    }

    @Test
    void anImageNotTaggedWithTheProjectVersionFails() {
        List<JsonNode> rendered = Repository.rendered();
        ((ObjectNode) first(rendered, "Deployment").path("spec").path("template").path("spec").path("containers")
                .get(0)).put("image", "warmline/intake-service:latest");
        assertFails(rendered, "not tagged with the project version");
    }

    @Test
    void aSecretKeyMissingFromTheTemplateFails() {
        List<JsonNode> template = new ArrayList<>(Repository.secretTemplate());
        ((ObjectNode) template.get(0).get("stringData")).remove("intake-secret-key");
        List<String> problems = check.problems(Repository.rendered(), template);
        assertTrue(problems.toString().contains("warmline-secrets/intake-secret-key is read but not described"),
                problems.toString());
    }

    @Test
    void aDatabaseRoleMissingFromTheClusterFails() {
        List<JsonNode> rendered = Repository.rendered();
        ((com.fasterxml.jackson.databind.node.ArrayNode) first(rendered, "Cluster").path("spec").path("managed")
                .path("roles")).remove(0);
        assertFails(rendered, "are not database.sql's");
    }

    @Test
    void aDeploymentWithoutProbesOrSpreadFails() {
        List<JsonNode> rendered = Repository.rendered();
        ObjectNode pod = (ObjectNode) first(rendered, "Deployment").path("spec").path("template").path("spec");
        pod.remove("topologySpreadConstraints");
        ((ObjectNode) pod.path("containers").get(0)).remove("livenessProbe");
        assertFails(rendered, "no topologySpreadConstraints");
        assertFails(rendered, "no readiness and liveness probes");
    }

    @Test
    void jsonLogsOffFails() {
        List<JsonNode> rendered = Repository.rendered();
        ((ObjectNode) first(rendered, "ConfigMap").get("data")).put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        assertFails(rendered, "no JSON logs");
    }

    @Test
    void aServiceWithoutNetworkPolicyFails() {
        List<JsonNode> rendered = new ArrayList<>(Repository.rendered());
        rendered.removeIf(o -> kind("NetworkPolicy").test(o)
                && o.path("spec").path("policyTypes").toString().contains("Egress"));
        assertFails(rendered, "no NetworkPolicy limiting its egress");
    }

    @Test
    void aConsoleRoutingUrlOtherThanTheBoardsHostFails() {
        List<JsonNode> rendered = Repository.rendered();
        ObjectNode data = (ObjectNode) first(rendered, "ConfigMap").get("data");
        data.put("WARMLINE_CONSOLE_ROUTING_URL", "http://127.0.0.1:8083");
        data.put("QUARKUS_HTTP_CORS_ORIGINS", "http://localhost:8084");
        assertFails(rendered, "not routing-service's Ingress");
        assertFails(rendered, "lacks the console's origin");
    }

    @Test
    void anIngressExposingTheManagementPathsFails() {
        List<JsonNode> rendered = Repository.rendered();
        ((ObjectNode) first(rendered, "Ingress").path("spec").path("rules").get(0).path("http").path("paths").get(0))
                .put("path", "/");
        assertFails(rendered, "exposes /q/");
    }

    private static void assertFails(List<JsonNode> rendered, String expected) {
        List<String> problems = check.problems(rendered, Repository.secretTemplate());
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem naming '" + expected
                + "', got " + problems);
    }

    private static JsonNode first(List<JsonNode> objects, String kind) {
        return objects.stream().filter(kind(kind)).findFirst().orElseThrow();
    }

    private static Predicate<JsonNode> kind(String kind) {
        return object -> kind.equals(object.path("kind").asText());
    }
}
