package io.warmline.platform.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The module's own Kafka and PostgreSQL, in containers that Testcontainers starts once per test JVM, so no module
 * ever sees another's events or rows. As a Quarkus test resource it points the application at them.
 * <p>
 * Ports: the row of the module's stack ({@code test-<module>}, or {@code WARMLINE_STACK}) in the one table of stacks,
 * {@code deploy/local/stacks.sh}, bound on 127.0.0.1: a container stopped and started by a fault test comes back on
 * the same port, and the packaged replicas of the integration tests reach the same addresses as the tests
 * ({@code deploy/test.sh} exports them from the same table). Images: {@code WARMLINE_KAFKA_IMAGE} and
 * {@code WARMLINE_POSTGRES_IMAGE}, else those {@code deploy/images/build.sh} chose (its {@code target/images.env}),
 * else the official {@code apache/kafka:4.2.1} and {@code postgres:15}; a local image stands in for the official one
 * through {@code asCompatibleSubstituteFor}. At start each container is checked to be the expected one (the image
 * asked for, PostgreSQL 15, Kafka 4.2.1, this stack's label), or every test of the module fails.
 * <p>
 * Ryuk (Testcontainers' reaper) is off, as its image cannot be pulled everywhere: the containers carry the label
 * {@code io.warmline.tests=<stack>}. With reuse on ({@code TESTCONTAINERS_REUSE_ENABLE=true}, set by the build for
 * surefire and failsafe) the integration tests' JVM finds the same containers running and {@code deploy/test.sh}
 * removes them after the module; with it off they are removed when the JVM exits.
 */
@QuarkusTestResource(Stack.class)
public class Stack implements QuarkusTestResourceLifecycleManager {

    public static final String LABEL = "io.warmline.tests";
    public static final String KAFKA_VERSION = "4.2.1";
    public static final String POSTGRES_MAJOR = "15";
    static final Path DEPLOY = Path.of("..", "deploy");
    /** A broker's JVM starting beside a build on two busy cores took 40 s; Testcontainers' default gives it 60. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private static Stack module;

    public final String name;
    public final KafkaContainer kafka;
    public final PostgreSQLContainer database;

    private Stack(String name, KafkaContainer kafka, PostgreSQLContainer database) {
        this.name = name;
        this.kafka = kafka;
        this.database = database;
    }

    /** Quarkus' instance of the test resource; the containers themselves are {@link #module()}'s. */
    public Stack() {
        this(null, null, null);
    }

    /**
     * Starts the module's stack ahead and leaves it running (run from the module's directory, with the test
     * environment): deploy/test.sh does this for every module while the modules build, so the containers are up
     * when each module's tests reuse them, as the local stacks were.
     */
    public static void main(String[] args) {
        module();
        System.exit(0);
    }

    /**
     * This module's stack, started on first use. One process at a time starts it (a lock file in target/): a
     * start ahead (see {@link #main}) and the tests' own never both create the containers.
     */
    public static synchronized Stack module() {
        if (module == null) {
            try {
                Files.createDirectories(Path.of("target"));
                try (FileChannel channel = FileChannel.open(Path.of("target", ".stack.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    module = startContainers();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return module;
    }

    private static Stack startContainers() {
        String name = Optional.ofNullable(System.getenv("WARMLINE_STACK"))
                .orElse("test-" + Path.of("").toAbsolutePath().getFileName().toString().replace("-service", ""));
        int[] ports = ports(name);
        Stack stack = new Stack(name, kafka(name, ports[0]).withReuse(true), database(name, ports[2]).withReuse(true));
        Instant started = Instant.now();
        Startables.deepStart(stack.kafka, stack.database).join();
        stack.checkExpected();
        createTopics(stack.bootstrapServers(), topicsOfTheStacks().toArray(String[]::new));
        System.out.printf("[stack] %s: Kafka %s (container %.12s) on %s, PostgreSQL %s (container %.12s) on %s,"
                        + " up in %d ms%n", name, stack.kafka.getDockerImageName(), stack.kafka.getContainerId(),
                stack.bootstrapServers(), stack.database.getDockerImageName(), stack.database.getContainerId(),
                stack.jdbcUrl(), Duration.between(started, Instant.now()).toMillis());
        if (!TestcontainersConfiguration.getInstance().environmentSupportsReuse()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.kafka.stop();
                stack.database.stop();
            }));
        }
        return stack;
    }

    /**
     * The addresses, for what the environment does not say already. A test profile's overrides (intake's database
     * that is down, its outage broker) must win: they win over the environment, not over a test resource. So under
     * deploy/test.sh, which exports these addresses from the same table, the resource adds nothing.
     */
    @Override
    public Map<String, String> start() {
        Stack stack = module();
        Map<String, String> config = new java.util.HashMap<>();
        unlessInEnvironment(config, "KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers", stack.bootstrapServers());
        unlessInEnvironment(config, "QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url",
                stack.reactiveUrl());
        unlessInEnvironment(config, "QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url", stack.jdbcUrl());
        return config;
    }

    private static void unlessInEnvironment(Map<String, String> config, String variable, String key, String value) {
        if (System.getenv(variable) == null) {
            config.put(key, value);
        } else if (!System.getenv(variable).equals(value)) {
            throw new IllegalStateException(variable + " is " + System.getenv(variable) + ", but the module's "
                    + "containers are at " + value);
        }
    }

    @Override
    public void stop() {
        // The containers outlive a Quarkus restart (another test profile): they are the module's, for the whole run.
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafka.getMappedPort(9092);
    }

    public int databasePort() {
        return database.getMappedPort(5432);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + databasePort() + "/warmline";
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + databasePort() + "/warmline";
    }

    /** What a packaged replica of a service reads to reach this stack (the deployed services' variables). */
    public Map<String, String> environment() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers(), "WARMLINE_PG_HOST", "127.0.0.1",
                "WARMLINE_PG_PORT", Integer.toString(databasePort()), "WARMLINE_PG_DATABASE", "warmline");
    }

    /** A real database outage: the module's PostgreSQL container stops (fast shutdown: sessions are cut). */
    public static void stopDatabase() {
        docker().stopContainerCmd(module().database.getContainerId()).withTimeout(30).exec();
    }

    /** ... and starts again on the same port with the same data; returns once it accepts connections. */
    public static void startDatabase() {
        Stack stack = module();
        docker().startContainerCmd(stack.database.getContainerId()).exec();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection ignored = stack.connect()) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL of stack " + stack.name + " not back in 60 s", notYet);
                }
                sleep(200);
            }
        }
    }

    /**
     * A broker of its own on the Kafka port of {@code stack}'s row, not started: for a test that really stops and
     * starts a broker. It has the stacks' topics once {@link #createTopics} ran; {@link #removeAll} removes it.
     */
    public static KafkaContainer broker(String stack) {
        return kafka(stack, ports(stack)[0]);
    }

    /** Removes every container of {@code stack} (a broker left by an interrupted run, say). */
    public static void removeAll(String stack) {
        docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, stack)).exec()
                .forEach(container -> docker().removeContainerCmd(container.getId()).withForce(true).exec());
    }

    /** Creates those of {@code topics} that do not exist yet (6 partitions), and waits until the broker shows them. */
    public static void createTopics(String bootstrapServers, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = List.of(topics).stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 6, (short) 1)).toList();
            admin.createTopics(missing).all().get();
            // Created means known to the controller; wait until the broker describes each.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (true) {
                try {
                    admin.describeTopics(List.of(topics)).allTopicNames().get();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers, e);
        }
    }

    /** The topics every stack has: deploy/local/topics.txt, one per line, '#' starting a comment. */
    public static List<String> topicsOfTheStacks() {
        try {
            return Files.readAllLines(DEPLOY.resolve("local").resolve("topics.txt")).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection as the server's superuser, to check what it is or to look around. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), database.getUsername(), database.getPassword());
    }

    private void checkExpected() {
        for (GenericContainer<?> container : List.of(kafka, database)) {
            var inspected = docker().inspectContainerCmd(container.getContainerId()).exec();
            expect(inspected.getConfig().getImage().equals(container.getDockerImageName()), container,
                    "runs image " + inspected.getConfig().getImage() + ", not " + container.getDockerImageName());
            expect(name.equals(inspected.getConfig().getLabels().get(LABEL)), container,
                    "is labelled " + inspected.getConfig().getLabels().get(LABEL) + ", not stack " + name);
        }
        // The broker logs its version once started, just after it is ready (Testcontainers' wait).
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        java.util.regex.Matcher logged;
        while (!(logged = java.util.regex.Pattern.compile("Kafka version: (\\S+)").matcher(kafka.getLogs())).find()
                && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
        expect(logged.find(0) && logged.group(1).equals(KAFKA_VERSION), kafka,
                "is not Kafka " + KAFKA_VERSION + " (its log says: Kafka version: "
                        + (logged.find(0) ? logged.group(1) : "nothing in 30 s") + ")");
        try (Connection connection = connect(); ResultSet version = connection.createStatement()
                .executeQuery("SELECT current_setting('server_version')")) {
            version.next();
            expect(version.getString(1).startsWith(POSTGRES_MAJOR + "."), database,
                    "is PostgreSQL " + version.getString(1) + ", not " + POSTGRES_MAJOR);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL of stack " + name + " its version", e);
        }
    }

    private void expect(boolean holds, GenericContainer<?> container, String otherwise) {
        if (!holds) {
            throw new IllegalStateException("stack " + name + ": container " + container.getContainerId() + " "
                    + otherwise);
        }
    }

    private static KafkaContainer kafka(String stack, int port) {
        return new KafkaContainer(image("WARMLINE_KAFKA_IMAGE", "apache/kafka:" + KAFKA_VERSION)
                .asCompatibleSubstituteFor("apache/kafka"))
                // As the local stacks' brokers: topics only from topics.txt, six partitions each.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "6")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx512m")
                .withStartupTimeout(STARTUP_TIMEOUT)
                .withLabel(LABEL, stack)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(9092))));
    }

    private static PostgreSQLContainer database(String stack, int port) {
        return new PostgreSQLContainer(image("WARMLINE_POSTGRES_IMAGE", "postgres:" + POSTGRES_MAJOR)
                .asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("warmline").withUsername("postgres").withPassword("postgres")
                // As the local stacks: the services' roles and schemas, trust on every connection (a replica's
                // production start refuses the default passwords and logs in with another), pg_stat_statements.
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withCopyFileToContainer(MountableFile.forHostPath(DEPLOY.resolve("local").resolve("database.sql")),
                        "/docker-entrypoint-initdb.d/warmline.sql")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200",
                        "-c", "shared_preload_libraries=pg_stat_statements")
                .withStartupTimeout(STARTUP_TIMEOUT)
                .withLabel(LABEL, stack)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(5432))));
    }

    /** The image named by the variable, else by deploy/images/target/images.env, else the official one. */
    private static DockerImageName image(String variable, String official) {
        awaitImages();
        String name = Optional.ofNullable(System.getenv(variable)).or(() -> {
            Path chosen = DEPLOY.resolve("images").resolve("target").resolve("images.env");
            try {
                return Files.exists(chosen) ? Files.readAllLines(chosen).stream()
                        .filter(line -> line.startsWith("export " + variable + "="))
                        .map(line -> line.substring(line.indexOf('=') + 1)).findFirst() : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(official);
        return DockerImageName.parse(name);
    }

    /**
     * deploy/test.sh builds the images while the modules compile: {@code WARMLINE_IMAGES_PENDING} names the file
     * deploy/images/build.sh writes once they are ready (its images.env), and the containers wait for it.
     */
    private static void awaitImages() {
        String pending = System.getenv("WARMLINE_IMAGES_PENDING");
        if (pending == null) {
            return;
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (!Files.exists(Path.of(pending))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the container images were not ready in 10 minutes: no " + pending);
            }
            sleep(500);
        }
    }

    /** The Kafka, controller and PostgreSQL ports of {@code stack}'s row in deploy/local/stacks.sh. */
    public static int[] ports(String stack) {
        try {
            return Files.readAllLines(DEPLOY.resolve("local").resolve("stacks.sh")).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim().split("\\s+"))
                    .filter(columns -> columns.length >= 5 && columns[0].equals(stack))
                    .map(columns -> new int[] {Integer.parseInt(columns[1]), Integer.parseInt(columns[2]),
                            Integer.parseInt(columns[3])})
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no '" + stack + "' row in deploy/local/stacks.sh"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
