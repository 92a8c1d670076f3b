package io.warmline.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The schemas reject what the API server's strict field validation rejects, core kinds and operators' alike. */
class SchemaCatalogTest {

    private static SchemaCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = SchemaCatalog.load(Repository.KUSTOMIZATION.resolve("check/schemas"));
    }

    private static JsonNode yaml(String text) {
        return Yaml.documents(text).get(0);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      resources: {requests: {cpu: 1, memory: 1Gi}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
            """;

    @Test
    void aValidDeploymentPasses() {
        assertEquals(List.of(), catalog.problems(yaml(DEPLOYMENT)));
    }

    @Test
    void aMisspeltFieldOfADeploymentFails() {
        List<String> problems = catalog.problems(yaml(DEPLOYMENT.replace("readinessProbe:", "readinesProbe:")));
        assertFalse(problems.isEmpty());
        assertTrue(problems.toString().contains("readinesProbe"), problems.toString());
    }

    @Test
    void aMisspeltMetadataFieldFails() {
        assertFalse(catalog.problems(yaml(DEPLOYMENT.replace("metadata: {name: d}", "metadata: {nme: d}"))).isEmpty());
    }

    @Test
    void aWrongTypeFails() {
        assertFalse(catalog.problems(yaml(DEPLOYMENT.replace("image: i", "image: [i]"))).isEmpty());
    }

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata:
              name: warmline.lead-received
              labels: {strimzi.io/cluster: warmline}
            spec:
              partitions: 12
              replicas: 3
            """;

    @Test
    void aValidStrimziTopicPasses() {
        assertEquals(List.of(), catalog.problems(yaml(TOPIC)));
    }

    @Test
    void aMisspeltFieldOfAStrimziTopicFails() {
        List<String> problems = catalog.problems(yaml(TOPIC.replace("partitions:", "partition:")));
        assertTrue(problems.toString().contains("partition"), problems.toString());
    }

    @Test
    void aMisspeltFieldInACustomResourcesMetadataFails() {
        assertFalse(catalog.problems(yaml(TOPIC.replace("labels:", "label:"))).isEmpty());
    }

    @Test
    void aMisspeltFieldOfACloudNativePgClusterFails() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec:
                  instances: 3
                  storage: {size: 1Gi}
                """;
        assertEquals(List.of(), catalog.problems(yaml(cluster)));
        assertFalse(catalog.problems(yaml(cluster.replace("instances:", "instance:"))).isEmpty());
    }

    @Test
    void aMisspeltFieldOfAPrometheusRuleFails() {
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: r}
                spec:
                  groups:
                    - name: g
                      rules:
                        - alert: A
                          expr: up == 0
                          for: 5m
                """;
        assertEquals(List.of(), catalog.problems(yaml(rule)));
        assertFalse(catalog.problems(yaml(rule.replace("expr:", "exp:"))).isEmpty());
    }

    @Test
    void aKindWithoutASchemaFails() {
        assertFalse(catalog.problems(yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")).isEmpty());
    }
}
