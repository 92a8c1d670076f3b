package io.warmline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmline.driver.AlertStream;
import io.warmline.driver.Contacts;
import io.warmline.driver.Tokens;
import io.warmline.driver.WebhookSigner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead erased end to end: posted, scored, assigned, alerted, its call logged with notes; then an operator erases
 * the person by email. Afterwards no service's API, no table of any service's schema, and no record on any topic
 * (dead letters included) holds its phone or email in readable form; the events that carried them hold them sealed
 * under a data key that no longer exists.
 */
class ErasureTest {

    static final String VENDOR = "vendor-" + UUID.randomUUID().toString().substring(0, 8);
    static final String REP = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    static final Tokens TOKENS = Warmline.STACK.tokens();
    static final List<String> SCHEMAS = List.of("intake", "scoring", "routing", "notification");
    static final ObjectMapper JSON = new ObjectMapper();
    static String secret;
    static AlertStream stream;
    // Issued once: each issue costs about half a second.
    static String operator;
    static String rep;

    @BeforeAll
    static void vendorAndRepAreReady() {
        operator = TOKENS.operator();
        rep = TOKENS.rep(REP);
        secret = given().baseUri(Warmline.INTAKE).auth().oauth2(operator).contentType("application/json")
                .body("{\"id\":\"" + VENDOR + "\",\"name\":\"Erasure Leads\",\"defaultRegion\":\"GB\"}")
                .post("/vendors").then().statusCode(201).extract().path("secret");
        given().baseUri(Warmline.ROUTING).auth().oauth2(operator).contentType("application/json")
                .body("{\"name\":\"Eve Rasmussen\",\"capacity\":5}").put("/reps/{id}", REP).then().statusCode(201);
        stream = new AlertStream(Warmline.STACK, REP);
        await().atMost(Duration.ofSeconds(10)).until(stream::connected);
        given().baseUri(Warmline.ROUTING).auth().oauth2(rep).contentType("application/json")
                .body("{\"status\":\"available\"}").put("/reps/{id}/presence", REP).then().statusCode(200);
    }

    @AfterAll
    static void closeStreamAndGoOffline() {
        stream.close();
        given().baseUri(Warmline.ROUTING).auth().oauth2(rep).contentType("application/json")
                .body("{\"status\":\"offline\"}").put("/reps/{id}/presence", REP);
    }

    @Test
    void anErasedLeadsPhoneAndEmailAreReadableNowhere() throws Exception {
        String national = Contacts.ukMobile();
        String phone = Contacts.e164(national);
        String email = Contacts.email();
        String leadId = post(national, email);
        await().atMost(Duration.ofSeconds(30)).until(() -> !stream.alertsFor(leadId).isEmpty());
        assertEquals(phone, stream.alertsFor(leadId).get(0).path("phone").asText(), "alerted with the phone");
        given().baseUri(Warmline.ROUTING).auth().oauth2(rep).contentType("application/json")
                .body("{\"outcome\":\"connected\",\"notes\":\"Call back on " + phone + " or mail " + email + "\","
                        + "\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\"" + Instant.now().plusSeconds(86_400) + "\"}}")
                .post("/leads/{id}/follow-ups", leadId).then().statusCode(201);
        List<String> secrets = List.of(phone, national.substring(1), email);
        assertFalse(tablesHolding(secrets).isEmpty(), "before: the services hold the contact (the scan can fail)");

        given().baseUri(Warmline.INTAKE).auth().oauth2(operator).contentType("application/json")
                .body("{\"email\":\"" + email.toUpperCase() + "\"}").post("/operations/erasures")
                .then().statusCode(200).body("erasedLeadIds", contains(leadId));

        // Every service applies LeadErased from the topic: wait until no table of any schema holds them.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> tablesHolding(secrets).isEmpty());
        assertEquals(0, count("intake", "SELECT count(*) FROM personal_data.lead_key WHERE lead_id = ?", leadId),
                "the lead's data key is destroyed");

        for (String answer : apiAnswers(leadId)) {
            for (String secret : secrets) {
                assertFalse(answer.contains(secret), "an API answer holds " + secret + ": " + answer);
            }
        }
        assertTrue(apiAnswers(leadId).get(0).contains(leadId), "the rep's alert list still shows the lead");

        List<String> onTopics = recordsHolding(secrets, leadId);
        assertEquals(List.of(), onTopics.stream().filter(found -> !found.startsWith("lead ")).toList(),
                "records holding the phone or email in clear");
        assertTrue(onTopics.contains("lead LeadReceived sealed"), "LeadReceived carried the contact sealed: "
                + onTopics);
        assertTrue(onTopics.contains("lead LeadErased"), onTopics.toString());
    }

    private static String post(String phone, String email) {
        String body = """
                {"vendorLeadId":"L-erase-%s","name":"Sam Taylor","phone":"%s","email":"%s",
                 "interest":"solar panels","notes":"South-facing roof, wants a quote","consent":{"granted":true},
                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}"""
                .formatted(UUID.randomUUID(), phone, email, Instant.now().minusSeconds(300));
        String messageId = "msg-" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        return given().baseUri(Warmline.INTAKE).contentType("application/json")
                .header("webhook-id", messageId).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(secret).sign(messageId, timestamp, body))
                .body(body).post("/vendors/{v}/leads", VENDOR).then().statusCode(202).extract().path("leadId");
    }

    /** What the services' APIs answer about the lead, to its rep and to an operator. */
    private static List<String> apiAnswers(String leadId) {
        List<String> answers = new ArrayList<>();
        answers.add(given().baseUri(Warmline.NOTIFICATION).auth().oauth2(rep)
                .get("/reps/{id}/alerts", REP).then().statusCode(200).extract().asString());
        for (String path : List.of("/leads/{id}", "/leads/{id}/timeline", "/leads/{id}/follow-ups")) {
            answers.add(given().baseUri(Warmline.ROUTING).auth().oauth2(operator).get(path, leadId)
                    .then().statusCode(200).extract().asString());
        }
        answers.add(given().baseUri(Warmline.STACK.scoring()).auth().oauth2(operator).get("/leads/{id}/scores", leadId)
                .then().statusCode(200).extract().asString());
        answers.add(given().baseUri(Warmline.INTAKE).auth().oauth2(operator).get("/operations/audit")
                .then().statusCode(200).extract().asString());
        return answers;
    }

    /** Every text column of every table of every service's schema, searched as the schema's own role. */
    private static List<String> tablesHolding(List<String> secrets) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String schema : SCHEMAS) {
            try (Connection connection = connect(schema)) {
                List<String[]> columns = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement("""
                        SELECT table_name, column_name FROM information_schema.columns
                         WHERE table_schema = ? AND data_type IN ('text', 'character varying', 'jsonb', 'json')""")) {
                    query.setString(1, schema);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            columns.add(new String[]{rows.getString(1), rows.getString(2)});
                        }
                    }
                }
                for (String[] column : columns) {
                    String sql = "SELECT count(*) FROM " + schema + ".\"" + column[0] + "\" WHERE \"" + column[1]
                            + "\"::text ILIKE ANY (?)";
                    try (PreparedStatement query = connection.prepareStatement(sql)) {
                        query.setArray(1, connection.createArrayOf("text",
                                secrets.stream().map(secret -> "%" + secret + "%").toArray()));
                        try (ResultSet rows = query.executeQuery()) {
                            rows.next();
                            if (rows.getLong(1) > 0) {
                                found.add(schema + "." + column[0] + "." + column[1]);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static long count(String role, String sql, String leadId) throws SQLException {
        try (Connection connection = connect(role); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, UUID.fromString(leadId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection connect(String role) throws SQLException {
        String password = System.getenv("WARMLINE_DB_PASSWORD_" + role.toUpperCase());
        return DriverManager.getConnection(Warmline.DATABASE, role, password == null ? role : password);
    }

    /**
     * Every record of every Warmline topic (dead-letter topics included), read from the beginning to the end: those
     * holding a secret in clear ("topic partition@offset"), and what the lead's own records were ("lead <type>",
     * "sealed" when its contact was sealed).
     */
    private static List<String> recordsHolding(List<String> secrets, String leadId) throws Exception {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        List<String> found = new ArrayList<>();
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("warmline.")).toList();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                    .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition()))));
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertTrue(Instant.now().isBefore(deadline), "reading every topic took over a minute");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder(record.value() == null ? "" : record.value());
                    text.append(' ').append(record.key());
                    for (Header header : record.headers()) {
                        text.append(' ').append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    String all = text.toString().toLowerCase();
                    if (secrets.stream().anyMatch(secret -> all.contains(secret.toLowerCase()))) {
                        found.add(record.topic() + " " + record.partition() + "@" + record.offset());
                    }
                    if (leadId.equals(record.key()) && record.value() != null && record.value().startsWith("{")) {
                        JsonNode event = JSON.readTree(record.value());
                        boolean sealed = "v1".equals(event.at("/data/personal/enc").asText(null));
                        found.add("lead " + event.path("eventType").asText() + (sealed ? " sealed" : ""));
                    }
                }
            }
        }
        return found;
    }
}
