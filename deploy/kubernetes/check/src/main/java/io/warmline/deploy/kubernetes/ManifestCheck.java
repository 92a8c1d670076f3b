package io.warmline.deploy.kubernetes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The check of the rendered kustomization (and of the Secret template beside it): every object valid against its
 * kind's schema; every kind production needs present; the generated topics, users and rules equal to what their
 * sources make now; the database's roles those of database.sql; the services' images tagged with the project's
 * version; no autoscaler allowing more replicas than a consumed topic has partitions; every Secret key a workload
 * reads described by the template (or written by an operator), and every key of the template read; every Deployment
 * hardened, probed, spread, logging JSON, autoscaled, budgeted and fenced by a NetworkPolicy; the console's routing
 * URL and routing-service's CORS origin matching the Ingress hosts.
 */
final class ManifestCheck {

    /** The kinds the issue asks production to have; a kustomization missing one fails. */
    static final List<String> REQUIRED_KINDS = List.of("Namespace", "ConfigMap", "Kafka", "KafkaNodePool",
            "KafkaTopic", "KafkaUser", "Cluster", "ScheduledBackup", "Deployment", "Service", "Ingress",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule");
    /** The Secret Strimzi writes with the Kafka cluster's CA certificate (each KafkaUser's Secret is its name). */
    static final String KAFKA_CA_SECRET = GeneratedManifests.CLUSTER + "-cluster-ca-cert";

    private final SchemaCatalog schemas;
    private final WarmlineSources sources;

    ManifestCheck(SchemaCatalog schemas, WarmlineSources sources) {
        this.schemas = schemas;
        this.sources = sources;
    }

    List<String> problems(List<JsonNode> rendered, List<JsonNode> secretTemplate) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : rendered) {
            schemas.problems(object).forEach(p -> problems.add(name(object) + ": " + p));
        }
        for (JsonNode object : secretTemplate) {
            schemas.problems(object).forEach(p -> problems.add("secrets.template.yaml " + name(object) + ": " + p));
        }
        Set<String> kinds = new HashSet<>();
        rendered.forEach(object -> kinds.add(object.path("kind").asText()));
        REQUIRED_KINDS.stream().filter(kind -> !kinds.contains(kind))
                .forEach(kind -> problems.add("no " + kind + " in the kustomization"));
        problems.addAll(sameAsGenerated(rendered, "KafkaTopic", GeneratedManifests.topics(sources)));
        problems.addAll(sameAsGenerated(rendered, "KafkaUser", GeneratedManifests.users(sources)));
        problems.addAll(sameAsGenerated(rendered, "PrometheusRule", GeneratedManifests.rules(sources)));
        problems.addAll(databaseRoles(rendered));
        problems.addAll(imageTags(rendered));
        problems.addAll(replicaBounds(rendered));
        problems.addAll(secretKeys(rendered, secretTemplate));
        problems.addAll(aclTopics(rendered));
        problems.addAll(podPosture(rendered));
        problems.addAll(consoleRouting(rendered));
        return problems;
    }

    /**
     * Every Deployment runs as non-root with a read-only root filesystem, has readiness and liveness probes, spreads
     * its pods, logs JSON, and has an autoscaler, a disruption budget and a network policy limiting its egress.
     */
    private static List<String> podPosture(List<JsonNode> rendered) {
        List<String> problems = new ArrayList<>();
        Set<String> json = new HashSet<>();
        ofKind(rendered, "ConfigMap").forEach(map -> {
            if ("true".equals(map.path("data").path("QUARKUS_LOG_CONSOLE_JSON_ENABLED").asText())) {
                json.add(map.path("metadata").path("name").asText());
            }
        });
        Set<String> scaled = new HashSet<>();
        ofKind(rendered, "HorizontalPodAutoscaler")
                .forEach(hpa -> scaled.add(hpa.path("spec").path("scaleTargetRef").path("name").asText()));
        for (JsonNode deployment : ofKind(rendered, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode labels = pod.path("metadata").path("labels");
            JsonNode spec = pod.path("spec");
            List<String> missing = new ArrayList<>();
            if (!spec.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
                missing.add("runAsNonRoot");
            }
            if (!spec.has("topologySpreadConstraints")) {
                missing.add("topologySpreadConstraints");
            }
            for (JsonNode container : spec.path("containers")) {
                if (!container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                    missing.add("readOnlyRootFilesystem");
                }
                if (!container.has("readinessProbe") || !container.has("livenessProbe")) {
                    missing.add("readiness and liveness probes");
                }
                boolean logsJson = false;
                for (JsonNode source : container.path("envFrom")) {
                    logsJson |= json.contains(source.path("configMapRef").path("name").asText());
                }
                if (!logsJson) {
                    missing.add("JSON logs (QUARKUS_LOG_CONSOLE_JSON_ENABLED from a ConfigMap)");
                }
            }
            if (!scaled.contains(name)) {
                missing.add("a HorizontalPodAutoscaler");
            }
            if (ofKind(rendered, "PodDisruptionBudget").stream().noneMatch(pdb -> selects(pdb.path("spec").path("selector"), labels))) {
                missing.add("a PodDisruptionBudget");
            }
            if (ofKind(rendered, "NetworkPolicy").stream().noneMatch(policy -> selects(policy.path("spec").path("podSelector"), labels)
                    && policy.path("spec").path("policyTypes").toString().contains("Egress"))) {
                missing.add("a NetworkPolicy limiting its egress");
            }
            missing.forEach(what -> problems.add(name(deployment) + ": no " + what.replaceFirst("^a ", "")));
        }
        return problems;
    }

    /** Whether a label selector (matchLabels only, or matchExpressions with In) selects these labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        for (Map.Entry<String, JsonNode> label : (Iterable<Map.Entry<String, JsonNode>>) selector.path("matchLabels")::fields) {
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            boolean in = expression.path("values").toString().contains("\"" + value + "\"");
            if (!"In".equals(expression.path("operator").asText()) || value == null || !in) {
                return false;
            }
        }
        return selector.has("matchLabels") || selector.has("matchExpressions");
    }

    /**
     * The rep console's routing URL is the TLS host the Ingress gives routing-service, and routing-service allows the
     * TLS host of the console (notification-service) as a CORS origin.
     */
    private static List<String> consoleRouting(List<JsonNode> rendered) {
        Map<String, String> hostByService = new HashMap<>();
        Set<String> tlsHosts = new HashSet<>();
        for (JsonNode ingress : ofKind(rendered, "Ingress")) {
            ingress.path("spec").path("tls").forEach(tls -> tls.path("hosts").forEach(h -> tlsHosts.add(h.asText())));
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    hostByService.put(path.path("backend").path("service").path("name").asText(), rule.path("host").asText());
                }
            }
        }
        Map<String, String> config = new HashMap<>();
        ofKind(rendered, "ConfigMap").forEach(map -> map.path("data").fields()
                .forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText())));
        List<String> problems = new ArrayList<>();
        for (JsonNode ingress : ofKind(rendered, "Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String prefix = path.path("path").asText();
                    if (prefix.equals("/") || prefix.equals("/q") || prefix.startsWith("/q/")) {
                        problems.add(name(ingress) + ": path " + prefix + " exposes /q/ (metrics, health, OpenAPI)"
                                + " outside the cluster; expose the service's own paths only");
                    }
                }
            }
        }
        String board = hostByService.get("routing-service");
        String console = hostByService.get("notification-service");
        if (board == null || console == null || !tlsHosts.contains(board) || !tlsHosts.contains(console)) {
            problems.add("no TLS Ingress host for routing-service and notification-service (the board and the console)");
            return problems;
        }
        if (!("https://" + board).equals(config.get("WARMLINE_CONSOLE_ROUTING_URL"))) {
            problems.add("WARMLINE_CONSOLE_ROUTING_URL is " + config.get("WARMLINE_CONSOLE_ROUTING_URL")
                    + ", not routing-service's Ingress https://" + board);
        }
        if (!List.of(config.getOrDefault("QUARKUS_HTTP_CORS_ORIGINS", "").split(",")).contains("https://" + console)) {
            problems.add("QUARKUS_HTTP_CORS_ORIGINS " + config.get("QUARKUS_HTTP_CORS_ORIGINS")
                    + " lacks the console's origin https://" + console);
        }
        return problems;
    }

    /** The rendered objects of the kind equal the generated ones (namespace aside: kustomize sets it). */
    private static List<String> sameAsGenerated(List<JsonNode> rendered, String kind, List<JsonNode> generated) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> renderedByName = new HashMap<>();
        for (JsonNode object : ofKind(rendered, kind)) {
            ObjectNode copy = object.deepCopy();
            ((ObjectNode) copy.get("metadata")).remove("namespace");
            renderedByName.put(copy.path("metadata").path("name").asText(), copy);
        }
        Set<String> expected = new TreeSet<>();
        // Through YAML text and back, as the files are: numbers then compare by value, whatever Java type made them.
        for (JsonNode wanted : Yaml.documents(Yaml.write(generated))) {
            String name = wanted.path("metadata").path("name").asText();
            expected.add(name);
            JsonNode actual = renderedByName.get(name);
            if (actual == null) {
                problems.add(kind + " " + name + " is missing: run deploy/kubernetes/generate.sh");
            } else if (!actual.equals(wanted)) {
                problems.add(kind + " " + name + " differs from what its source makes: run deploy/kubernetes/generate.sh");
            }
        }
        renderedByName.keySet().stream().filter(name -> !expected.contains(name)).sorted().forEach(name -> problems.add(
                kind + " " + name + " has no source (not in what deploy/kubernetes/generate.sh makes)"));
        return problems;
    }

    /** The Cluster creates, and gives a password to, exactly the production roles of database.sql. */
    private List<String> databaseRoles(List<JsonNode> rendered) {
        List<String> problems = new ArrayList<>();
        List<String> wanted = sources.productionRoles();
        for (JsonNode cluster : ofKind(rendered, "Cluster")) {
            List<String> managed = new ArrayList<>();
            cluster.path("spec").path("managed").path("roles").forEach(role -> managed.add(role.path("name").asText()));
            if (!managed.equals(wanted)) {
                problems.add(name(cluster) + ": managed roles " + managed + " are not database.sql's " + wanted);
            }
            List<String> sql = new ArrayList<>();
            cluster.path("spec").path("bootstrap").path("initdb").path("postInitApplicationSQL")
                    .forEach(statement -> sql.add(statement.asText()));
            for (String role : wanted) {
                for (String statement : List.of("CREATE ROLE " + role + " NOLOGIN",
                        "CREATE SCHEMA " + role + " AUTHORIZATION " + role)) {
                    if (!sql.contains(statement)) {
                        problems.add(name(cluster) + ": postInitApplicationSQL lacks '" + statement + "'");
                    }
                }
            }
        }
        return problems;
    }

    /** Every image of the project's own is tagged with the project's version. */
    private List<String> imageTags(List<JsonNode> rendered) {
        List<String> problems = new ArrayList<>();
        for (JsonNode deployment : ofKind(rendered, "Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                String image = container.path("image").asText();
                if (image.startsWith("warmline/") && !image.endsWith(":" + sources.projectVersion())) {
                    problems.add(name(deployment) + ": image " + image + " is not tagged with the project version "
                            + sources.projectVersion());
                }
            }
        }
        return problems;
    }

    /** No autoscaler of a service allows more replicas than a topic the service consumes has partitions. */
    private List<String> replicaBounds(List<JsonNode> rendered) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> partitions = new HashMap<>();
        ofKind(rendered, "KafkaTopic").forEach(topic -> partitions.put(topic.path("metadata").path("name").asText(),
                topic.path("spec").path("partitions").asInt()));
        for (JsonNode hpa : ofKind(rendered, "HorizontalPodAutoscaler")) {
            String target = hpa.path("spec").path("scaleTargetRef").path("name").asText();
            int max = hpa.path("spec").path("maxReplicas").asInt();
            WarmlineSources.Messaging messaging = sources.messagingByService().get(target);
            if (messaging == null) {
                continue;
            }
            for (String topic : messaging.consumed()) {
                Integer count = partitions.get(topic);
                if (count == null) {
                    problems.add(name(hpa) + ": " + target + " consumes " + topic + ", which no KafkaTopic creates");
                } else if (max > count) {
                    problems.add(name(hpa) + ": maxReplicas " + max + " exceeds the " + count + " partitions of "
                            + topic + " (replicas past the partition count would idle)");
                }
            }
        }
        return problems;
    }

    /** Every topic a KafkaUser's ACLs name is created by a KafkaTopic (a dead-letter topic missing from topics.txt). */
    private static List<String> aclTopics(List<JsonNode> rendered) {
        Set<String> topics = new HashSet<>();
        ofKind(rendered, "KafkaTopic").forEach(topic -> topics.add(topic.path("metadata").path("name").asText()));
        List<String> problems = new ArrayList<>();
        for (JsonNode user : ofKind(rendered, "KafkaUser")) {
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                if ("topic".equals(resource.path("type").asText()) && !topics.contains(resource.path("name").asText())) {
                    problems.add(name(user) + ": its ACLs name topic " + resource.path("name").asText()
                            + ", which is not in deploy/local/topics.txt");
                }
            }
        }
        return problems;
    }

    /** Secret keys read by the workloads and the Cluster against the template's, both ways. */
    private static List<String> secretKeys(List<JsonNode> rendered, List<JsonNode> template) {
        Set<String> described = new TreeSet<>();
        for (JsonNode secret : template) {
            String name = secret.path("metadata").path("name").asText();
            secret.path("stringData").fieldNames().forEachRemaining(key -> described.add(name + "/" + key));
        }
        Set<String> operatorSecrets = new HashSet<>();
        ofKind(rendered, "KafkaUser").forEach(user -> operatorSecrets.add(user.path("metadata").path("name").asText()));
        operatorSecrets.add(KAFKA_CA_SECRET);

        Set<String> read = new TreeSet<>();
        for (JsonNode deployment : ofKind(rendered, "Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode env : container.path("env")) {
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        read.add(ref.path("name").asText() + "/" + ref.path("key").asText());
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                JsonNode secret = volume.path("secret");
                for (JsonNode item : secret.path("items")) {
                    read.add(secret.path("secretName").asText() + "/" + item.path("key").asText());
                }
            }
        }
        for (JsonNode cluster : ofKind(rendered, "Cluster")) {
            cluster.path("spec").path("managed").path("roles").forEach(role -> {
                String secret = role.path("passwordSecret").path("name").asText();
                read.add(secret + "/username");
                read.add(secret + "/password");
            });
            cluster.path("spec").path("backup").path("barmanObjectStore").path("s3Credentials").forEach(ref -> {
                if (ref.has("name")) {
                    read.add(ref.path("name").asText() + "/" + ref.path("key").asText());
                }
            });
        }
        List<String> problems = new ArrayList<>();
        for (String key : read) {
            String secret = key.substring(0, key.indexOf('/'));
            if (!described.contains(key) && !operatorSecrets.contains(secret)) {
                problems.add("Secret key " + key + " is read but not described in secrets.template.yaml");
            }
        }
        for (String key : described) {
            if (!read.contains(key)) {
                problems.add("Secret key " + key + " of secrets.template.yaml is read by nothing");
            }
        }
        return problems;
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static String name(JsonNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }

    /** {@code ManifestCheck <repository root> <rendered.yaml>}: prints each problem, exits 1 if there is any. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ManifestCheck <repository root> <rendered kustomization YAML>");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> problems = forRepository(root).problems(Yaml.documents(Path.of(args[1])),
                Yaml.documents(root.resolve("deploy/kubernetes/secrets.template.yaml")));
        problems.forEach(p -> System.out.println("[kubernetes] " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    static ManifestCheck forRepository(Path root) {
        return new ManifestCheck(SchemaCatalog.load(root.resolve("deploy/kubernetes/check/schemas")),
                WarmlineSources.read(root));
    }
}
