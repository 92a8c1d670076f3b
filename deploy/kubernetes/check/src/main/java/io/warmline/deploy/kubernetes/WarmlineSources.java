package io.warmline.deploy.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the manifests must agree with, read from the repository's own sources: the topic list with its producers
 * (deploy/local/topics.txt), what each service consumes (its application.properties), the alert rules
 * (deploy/monitoring/alerts.yml), the database's roles and schemas (deploy/local/database.sql) and the project's
 * version (pom.xml).
 */
record WarmlineSources(Map<String, List<String>> topicsByProducer, Map<String, Messaging> messagingByService,
        JsonNode alertRules, List<String> databaseRoles, String projectVersion) {

    /** The role of database.sql that only the platform module's tests use: not created in production. */
    static final String TEST_ONLY_ROLE = "platform";

    private static final Pattern PRODUCER = Pattern.compile("^#\\s*Producer:\\s*(\\S+)\\s*$");
    private static final Pattern ROLE_ARRAY = Pattern.compile("ARRAY\\[([^\\]]*)\\]");
    private static final Pattern PROJECT_VERSION = Pattern.compile(
            "<artifactId>warmline-parent</artifactId>\\s*<version>([^<]+)</version>");

    /** What one service reads from Kafka: its consumed topics, the dead-letter topics it writes, its groups. */
    record Messaging(Set<String> consumed, Set<String> deadLetters, Set<String> groups) {
    }

    static WarmlineSources read(Path root) {
        return new WarmlineSources(topicsByProducer(root.resolve("deploy/local/topics.txt")), messaging(root),
                Yaml.document(root.resolve("deploy/monitoring/alerts.yml")),
                databaseRoles(root.resolve("deploy/local/database.sql")), projectVersion(root.resolve("pom.xml")));
    }

    /** Every topic of the list, in file order. */
    List<String> topics() {
        return topicsByProducer.values().stream().flatMap(List::stream).toList();
    }

    /** The roles of database.sql that production creates (all but the tests' own). */
    List<String> productionRoles() {
        return databaseRoles.stream().filter(role -> !role.equals(TEST_ONLY_ROLE)).toList();
    }

    /**
     * The topics under each "# Producer: name" comment, until the next one; the topics after a comment that is no
     * producer (the dead-letter topics) under "" (each is written by the service its name carries).
     */
    static Map<String, List<String>> topicsByProducer(Path file) {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        String producer = "";
        for (String line : lines(file)) {
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                Matcher matcher = PRODUCER.matcher(stripped);
                producer = matcher.matches() ? matcher.group(1) : "";
                continue;
            }
            int hash = stripped.indexOf('#');
            String name = (hash >= 0 ? stripped.substring(0, hash) : stripped).strip();
            if (!name.isEmpty()) {
                topics.computeIfAbsent(producer, p -> new ArrayList<>()).add(name);
            }
        }
        return topics;
    }

    /** Each *-service module's incoming channels, from its application.properties. */
    static Map<String, Messaging> messaging(Path root) {
        Map<String, Messaging> services = new LinkedHashMap<>();
        List<Path> modules;
        try (Stream<Path> listing = Files.list(root)) {
            modules = listing.filter(p -> p.getFileName().toString().endsWith("-service")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path module : modules) {
            Path file = module.resolve("src/main/resources/application.properties");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(Yaml.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Messaging messaging = new Messaging(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            for (String key : properties.stringPropertyNames()) {
                if (!key.startsWith("mp.messaging.incoming.")) {
                    continue;
                }
                String value = properties.getProperty(key).strip();
                if (key.endsWith(".dead-letter-queue.topic")) {
                    messaging.deadLetters().add(value);
                } else if (key.endsWith(".topic")) {
                    messaging.consumed().add(value);
                } else if (key.endsWith(".topics")) {
                    // A channel reading several topics names them in one comma-separated list.
                    for (String topic : value.split(",")) {
                        messaging.consumed().add(topic.strip());
                    }
                } else if (key.endsWith(".group.id")) {
                    messaging.groups().add(value);
                }
            }
            services.put(module.getFileName().toString(), messaging);
        }
        return services;
    }

    /** The roles of the ARRAY[...] database.sql loops over (each owns the schema of its name). */
    static List<String> databaseRoles(Path file) {
        Matcher matcher = ROLE_ARRAY.matcher(Yaml.read(file));
        if (!matcher.find()) {
            throw new IllegalArgumentException(file + ": no ARRAY['role', ...] of roles found");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String quoted : matcher.group(1).split(",")) {
            roles.add(quoted.strip().replace("'", ""));
        }
        return List.copyOf(roles);
    }

    static String projectVersion(Path pom) {
        Matcher matcher = PROJECT_VERSION.matcher(Yaml.read(pom));
        if (!matcher.find()) {
            throw new IllegalArgumentException(pom + ": no warmline-parent version");
        }
        return matcher.group(1).strip();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
