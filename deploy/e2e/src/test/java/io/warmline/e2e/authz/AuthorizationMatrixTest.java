package io.warmline.e2e.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmline.driver.Contacts;
import io.warmline.driver.Stack;
import io.warmline.driver.Tokens;
import io.warmline.driver.WebhookSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Least privilege, proven on the running system (OWASP API Security Top 10 2023: API1 object-level, API3
 * property-level, API5 function-level authorization; API4 unrestricted resource consumption). Two parties, A and
 * B, each with a team, a rep, a team lead, a vendor and a lead that vendor sent and that rep holds. Every row of
 * {@link #matrix()} is one caller (anonymous, A's rep, A's team lead, A's vendor, an operator) asking one operation
 * of one of the four services about A's or B's things, and the status it must get. Every answer to someone of A's
 * side is checked for B's ids, phone, email and name (none may appear unless the request itself named them); every
 * refusal must be RFC 9457 problem details whose {@code status} is the answer's; no answer carries a vendor's secret.
 * <p>
 * The rules it holds the services to (README, "Security and personal data"): no valid token 401; a role that may
 * not use an operation at all 403; another rep's, team's or vendor's object 404, exactly as an unknown one.
 */
class AuthorizationMatrixTest {

    static final Stack STACK = Stack.fromEnvironment();
    static final Tokens TOKENS = STACK.tokens();
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final Party A = new Party("a");
    static final Party B = new Party("b");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Each staff caller's token, minted once (in-process, signed with the stack's issuer key). */
    static final Map<Caller, String> BEARERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The services by name, as the rows name them. */
    static final Map<String, String> SERVICES = Map.of("intake", STACK.intake(), "scoring", STACK.scoring(),
            "routing", STACK.routing(), "notification", STACK.notification());

    /** One side's things; the lead is filled in once its vendor has sent it and its rep holds it. */
    static final class Party {
        final String team;
        final String rep;
        final String teamLead;
        final String vendor;
        final String phone = Contacts.ukMobile();
        final String email = Contacts.email();
        final String name;
        final String repEmail;
        String vendorSecret;
        String lead;

        Party(String side) {
            team = "authz-" + side + "-" + RUN;
            rep = "authz-rep-" + side + "-" + RUN;
            teamLead = "authz-lead-" + side + "-" + RUN;
            vendor = "authz-vendor-" + side + "-" + RUN;
            name = "Prospect " + side.toUpperCase() + RUN;
            repEmail = rep + "@example.com";
        }

        /** What must never reach the other side (unless the other side's request named it). */
        List<String> secrets() {
            return List.of(team, rep, teamLead, vendor, lead, Contacts.e164(phone), phone, email, name, repEmail);
        }
    }

    /** Who calls. */
    enum Caller { ANONYMOUS, REP_A, LEAD_A, VENDOR_A, OPERATOR }

    /**
     * One cell of the matrix: a caller, an operation ({@code {repB}}, {@code {leadA}}, ... in the path and body stand
     * for the parties' ids), the status it must get, and for a 200 what the answer must hold.
     */
    record Cell(Caller caller, String service, String method, String path, String body, int status,
                List<String> holds) {
        @Override
        public String toString() {
            return caller + " " + method + " " + service + path + " -> " + status;
        }
    }

    /** An operation, and what each caller must get from it. */
    static final class Operation {
        final String service;
        final String method;
        final String path;
        String body;
        final List<Cell> cells = new ArrayList<>();

        Operation(String service, String method, String path) {
            this.service = service;
            this.method = method;
            this.path = path;
        }

        Operation body(String json) {
            this.body = json;
            return this;
        }

        Operation expect(Caller caller, int status, String... holds) {
            cells.add(new Cell(caller, service, method, path, body, status, List.of(holds)));
            return this;
        }

        /** No token 401, and the roles of the staff that may not use it at all 403. */
        Operation staffOnly(Caller... refused) {
            expect(Caller.ANONYMOUS, 401);
            for (Caller caller : refused) {
                expect(caller, 403);
            }
            return this;
        }
    }

    static Operation op(String service, String method, String path) {
        return new Operation(service, method, path);
    }

    static final String PRESENCE = "{\"status\":\"busy\"}";
    static final String FOLLOW_UP = "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"signed\"}}";
    static final String POLICY = "{\"steps\":[{\"offset\":\"PT50M\",\"target\":\"rep\",\"message\":\"Call now\"}],"
            + "\"deadline\":\"PT60M\"}";
    /** B's team lead is called a second after B's lead is assigned: an escalation A's team lead must not see. */
    static final String ESCALATING_POLICY = "{\"steps\":[{\"offset\":\"PT1S\",\"target\":\"team_lead\","
            + "\"message\":\"Not called yet\"}],\"deadline\":\"PT60M\"}";

    static Stream<Cell> matrix() {
        Caller rep = Caller.REP_A;
        Caller lead = Caller.LEAD_A;
        Caller operator = Caller.OPERATOR;
        return Stream.of(
                // intake: vendors are the operators' (function level); a vendor reads its own leads only.
                op("intake", "GET", "/vendors?limit=500").staffOnly(rep, lead).expect(operator, 200),
                op("intake", "GET", "/vendors/{vendorB}").staffOnly(rep, lead).expect(operator, 200, "{vendorB}"),
                op("intake", "POST", "/vendors").body("{\"id\":\"authz-x-" + RUN + "\",\"name\":\"X\"}")
                        .staffOnly(rep, lead),
                op("intake", "POST", "/vendors/{vendorB}/disable").staffOnly(rep, lead),
                op("intake", "POST", "/vendors/{vendorB}/rotate-secret").staffOnly(rep, lead),
                op("intake", "GET", "/operations/audit").staffOnly(rep, lead).expect(operator, 200),
                op("intake", "GET", "/vendors/{vendorA}/leads/{leadA}").expect(Caller.VENDOR_A, 200, "{leadA}")
                        .expect(Caller.ANONYMOUS, 401).expect(operator, 401),
                op("intake", "GET", "/vendors/{vendorA}/leads/{leadB}").expect(Caller.VENDOR_A, 404),
                op("intake", "GET", "/vendors/{vendorB}/leads/{leadB}").expect(Caller.VENDOR_A, 401),
                op("intake", "POST", "/vendors/{vendorB}/leads").body("{}").expect(Caller.VENDOR_A, 401),
                // scoring: the warmth model and the scores are the operators'.
                op("scoring", "GET", "/models").staffOnly(rep, lead).expect(operator, 200),
                op("scoring", "POST", "/models/dry-run").body("{}").staffOnly(rep, lead),
                op("scoring", "GET", "/leads/{leadA}/scores").staffOnly(rep, lead).expect(operator, 200),
                op("scoring", "GET", "/operations/outbox/parked").staffOnly(rep, lead),
                // routing: teams and the roster.
                op("routing", "GET", "/teams").staffOnly(rep).expect(lead, 200, "{teamA}")
                        .expect(operator, 200, "{teamA}", "{teamB}"),
                op("routing", "PUT", "/teams/{teamB}").body("{\"name\":\"Taken\"}").staffOnly(rep, lead),
                op("routing", "GET", "/reps?limit=500").staffOnly().expect(rep, 200, "{repA}")
                        .expect(lead, 200, "{repA}"),
                op("routing", "GET", "/reps/{repA}").expect(rep, 200, "{repA}").expect(lead, 200, "{repA}"),
                op("routing", "GET", "/reps/{repB}").staffOnly().expect(rep, 404).expect(lead, 404)
                        .expect(operator, 200, "{repB}"),
                op("routing", "PUT", "/reps/{repB}").body("{\"name\":\"Taken\"}").staffOnly(rep, lead),
                op("routing", "PUT", "/reps/{repB}/presence").body(PRESENCE).staffOnly().expect(rep, 404)
                        .expect(lead, 404),
                op("routing", "POST", "/reps/{repB}/heartbeat").staffOnly().expect(rep, 404).expect(lead, 404),
                op("routing", "GET", "/reps/{repA}/leads").expect(rep, 200, "{leadA}").expect(lead, 200, "{leadA}"),
                op("routing", "GET", "/reps/{repB}/leads").staffOnly().expect(rep, 404).expect(lead, 404)
                        .expect(operator, 200, "{leadB}"),
                // routing: the board's lists, filtered by role.
                op("routing", "GET", "/queue").staffOnly(rep, lead).expect(operator, 200),
                op("routing", "GET", "/open-leads?limit=500").staffOnly(rep).expect(lead, 200, "{leadA}"),
                op("routing", "GET", "/escalations?limit=500").staffOnly(rep).expect(lead, 200)
                        .expect(operator, 200, "{leadB}"),
                op("routing", "GET", "/reports/speed-to-lead?by=rep").staffOnly(rep).expect(lead, 200)
                        .expect(operator, 200),
                op("routing", "GET", "/reports/speed-to-lead?by=vendor").staffOnly(rep).expect(lead, 200),
                op("routing", "GET", "/operations/audit").staffOnly(rep, lead).expect(operator, 200),
                // routing: a lead, as its rep, their team lead, and the other side.
                op("routing", "GET", "/leads/{leadA}").staffOnly().expect(rep, 200, "{leadA}", "{repA}")
                        .expect(lead, 200, "{leadA}", "{repA}"),
                op("routing", "GET", "/leads/{leadA}/timeline").expect(rep, 200, "{repA}").expect(lead, 200),
                op("routing", "GET", "/leads/{leadB}").staffOnly().expect(rep, 404).expect(lead, 404)
                        .expect(operator, 200, "{repB}"),
                op("routing", "GET", "/leads/{leadB}/timeline").staffOnly().expect(rep, 404).expect(lead, 404),
                op("routing", "GET", "/leads/{leadB}/follow-ups").staffOnly().expect(rep, 404).expect(lead, 404),
                op("routing", "POST", "/leads/{leadB}/acknowledgement").staffOnly().expect(rep, 404)
                        .expect(lead, 404),
                op("routing", "POST", "/leads/{leadB}/follow-ups").body(FOLLOW_UP).staffOnly().expect(rep, 404)
                        .expect(lead, 404),
                op("routing", "POST", "/leads/{leadB}/decline").staffOnly().expect(rep, 404).expect(lead, 404),
                // notification: alerts and devices are the rep's own (an alert carries the prospect's phone).
                op("notification", "GET", "/reps/{repA}/alerts").staffOnly().expect(rep, 200, "{leadA}")
                        .expect(lead, 404),
                op("notification", "GET", "/reps/{repB}/alerts").staffOnly().expect(rep, 404).expect(lead, 404)
                        .expect(operator, 200, "{leadB}"),
                op("notification", "GET", "/reps/{repB}/alerts/stream").staffOnly().expect(rep, 404)
                        .expect(lead, 404),
                op("notification", "POST", "/reps/{repB}/push-subscriptions")
                        .body("{\"endpoint\":\"https://fcm.googleapis.com/fcm/send/x\",\"keys\":{\"p256dh\":\"k\","
                                + "\"auth\":\"a\"}}").staffOnly().expect(rep, 404).expect(lead, 404),
                op("notification", "DELETE", "/reps/{repB}/push-subscriptions/1").staffOnly().expect(rep, 404)
                        .expect(lead, 404),
                op("notification", "GET", "/escalation-policies/hot/{teamA}").staffOnly().expect(rep, 200, "{teamA}")
                        .expect(lead, 200, "{teamA}"),
                op("notification", "GET", "/escalation-policies/hot/{teamB}").staffOnly().expect(rep, 404)
                        .expect(lead, 404).expect(operator, 200, "{teamB}"),
                op("notification", "PUT", "/escalation-policies/hot/{teamB}").body(POLICY).staffOnly(rep, lead),
                op("notification", "GET", "/operations/audit").staffOnly(rep, lead),
                // Unrestricted resource consumption: no list answers more than 500 rows at once.
                op("routing", "GET", "/reps?limit=501").expect(operator, 400),
                op("routing", "GET", "/open-leads?limit=100000").expect(lead, 400),
                op("notification", "GET", "/reps/{repA}/alerts?limit=501").expect(rep, 400),
                op("intake", "GET", "/vendors?limit=0").expect(operator, 400),
                // ... and no body over the service's limit is read (64 KiB for a lead, 1 MiB otherwise).
                op("intake", "POST", "/vendors/{vendorA}/leads").body(oversized(65_537))
                        .expect(Caller.VENDOR_A, 413),
                op("routing", "PUT", "/reps/{repA}").body(oversized(1_048_577)).expect(operator, 413),
                op("scoring", "POST", "/models/dry-run").body(oversized(1_048_577)).expect(operator, 413),
                op("notification", "PUT", "/escalation-policies/hot/{teamA}").body(oversized(1_048_577))
                        .expect(operator, 413)
        ).flatMap(operation -> operation.cells.stream());
    }

    /** A JSON body of {@code bytes} bytes. */
    static String oversized(int bytes) {
        return "{\"name\":\"" + "x".repeat(bytes - 11) + "\"}";
    }

    @BeforeAll
    static void twoPartiesEachWithATeamARepAVendorAndALead() {
        for (Party party : List.of(A, B)) {
            staff(Caller.OPERATOR, "routing", "PUT", "/teams/" + party.team,
                    "{\"name\":\"Team " + party.team + "\",\"strategy\":\"round_robin\"}", 201);
            // Capacity enough that their team has the most free room of the whole system: the lead goes to them.
            staff(Caller.OPERATOR, "routing", "PUT", "/reps/" + party.rep, "{\"name\":\"Rep " + party.rep
                    + "\",\"email\":\"" + party.repEmail + "\",\"capacity\":60,\"teamId\":\"" + party.team + "\"}", 201);
            staff(Caller.OPERATOR, "notification", "PUT", "/escalation-policies/hot/" + party.team,
                    party == B ? ESCALATING_POLICY : POLICY, 200);
            party.vendorSecret = staff(Caller.OPERATOR, "intake", "POST", "/vendors", "{\"id\":\"" + party.vendor
                    + "\",\"name\":\"Vendor " + party.vendor + "\",\"defaultRegion\":\"GB\"}", 201).path("secret")
                    .asText();
        }
        // One rep available at a time, so each side's vendor's lead goes to that side's rep; then busy (keeps it).
        for (Party party : List.of(A, B)) {
            presence(party, "available");
            party.lead = postLead(party);
            await().atMost(Duration.ofSeconds(30)).until(() -> holder(party.lead) != null);
            assertEquals(party.rep, holder(party.lead), "the lead went to another rep of the running system");
            presence(party, "busy");
            await().atMost(Duration.ofSeconds(30)).until(() -> send(Caller.OPERATOR, "notification", "GET",
                    "/reps/" + party.rep + "/alerts", null).body().contains(party.lead));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> send(Caller.OPERATOR, "routing", "GET",
                "/escalations?limit=500", null).body().contains(B.lead));
    }

    @AfterAll
    static void leadsClosedAndRepsOffline() {
        // The reps share the running system with the other tests: their leads closed (signed), so none waits in the
        // queue for another test's rep; offline, they hand on anything else they took from the queue.
        for (Party party : List.of(A, B)) {
            if (party.lead != null) {
                staff(Caller.OPERATOR, "routing", "POST", "/leads/" + party.lead + "/follow-ups", FOLLOW_UP, 201);
            }
            presence(party, "offline");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void eachCallerGetsWhatTheirRoleAllowsAndNothingOfTheOtherSide(Cell cell) {
        String path = resolve(cell.path());
        String sent = resolve(cell.body());
        Answer answer = send(cell.caller(), cell.service(), cell.method(), path, sent);
        String body = answer.body();
        assertEquals(cell.status(), answer.status(), () -> cell + ": " + body);
        if (cell.status() >= 400) {
            assertTrue(answer.contentType().startsWith("application/problem+json"), cell + ": " + answer.contentType());
            JsonNode problem = answer.json();
            assertTrue(problem.path("type").asText().startsWith("urn:warmline:problem:"), body);
            assertFalse(problem.path("title").asText().isBlank(), body);
            assertEquals(cell.status(), problem.path("status").asInt(), body);
        }
        for (String item : cell.holds()) {
            assertTrue(body.contains(resolve(item)), () -> cell + " holds " + item + ": " + body);
        }
        assertFalse(body.contains("whsec_"), () -> cell + " shows a vendor's secret");
        if (cell.caller() != Caller.OPERATOR) {
            for (String secret : B.secrets()) {
                if (!path.contains(secret) && !sent.contains(secret)) {
                    assertFalse(body.contains(secret), () -> cell + " leaks " + secret + " of the other side: " + body);
                }
            }
        }
    }

    /** Property level: a vendor's status names no rep, no team and no notes; only its lead's milestones. */
    @ParameterizedTest(name = "the vendor's status of its lead shows no {0}")
    @MethodSource("repDetails")
    void aVendorSeesItsLeadsProgressNotWhoWorksIt(String detail) {
        Answer answer = send(Caller.VENDOR_A, "intake", "GET", "/vendors/" + A.vendor + "/leads/" + A.lead, null);
        assertEquals(200, answer.status(), answer.body());
        assertFalse(answer.body().contains(detail), answer.body());
    }

    static Stream<String> repDetails() {
        return Stream.of(A.rep, A.team, A.repEmail, "Rep " + A.rep, "repId", "notes");
    }

    private static String resolve(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("{teamA}", A.team).replace("{teamB}", B.team).replace("{repA}", A.rep)
                .replace("{repB}", B.rep).replace("{vendorA}", A.vendor).replace("{vendorB}", B.vendor)
                .replace("{leadA}", String.valueOf(A.lead)).replace("{leadB}", String.valueOf(B.lead));
    }

    /** What a service answered. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static Answer send(Caller caller, String service, String method, String path, String body) {
        String content = body == null ? "" : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVICES.get(service) + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, content.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(content));
        switch (caller) {
            case REP_A, LEAD_A, OPERATOR -> request.header("Authorization", "Bearer "
                    + BEARERS.computeIfAbsent(caller, role -> switch (role) {
                        case REP_A -> TOKENS.issue("rep", A.rep, A.team);
                        case LEAD_A -> TOKENS.issue("team-lead", A.teamLead, A.team);
                        default -> TOKENS.issue("operator", "authz-ops-" + RUN, null);
                    }));
            case VENDOR_A -> {
                // Signed with A's secret, whatever vendor the path names: as a vendor can sign.
                String messageId = "msg-" + UUID.randomUUID();
                long timestamp = Instant.now().getEpochSecond();
                request.header("webhook-id", messageId).header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", new WebhookSigner(A.vendorSecret)
                                .sign(messageId, timestamp, content));
            }
            case ANONYMOUS -> { }
        }
        if (path.endsWith("/stream")) {
            request.header("Accept", "text/event-stream");
        }
        if (!content.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode staff(Caller caller, String service, String method, String path, String body,
                                  int expected) {
        Answer answer = send(caller, service, method, path, body);
        assertEquals(expected, answer.status(), () -> method + " " + path + ": " + answer.body());
        return answer.json();
    }

    private static void presence(Party party, String status) {
        staff(Caller.OPERATOR, "routing", "PUT", "/reps/" + party.rep + "/presence",
                "{\"status\":\"" + status + "\"}", 200);
    }

    private static String postLead(Party party) {
        String body = """
                {"vendorLeadId":"%s","name":"%s","phone":"%s","email":"%s","interest":"solar panels",
                 "notes":"Wants a quote","consent":{"granted":true},
                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}"""
                .formatted("L-" + party.vendor, party.name, party.phone, party.email, Instant.now().minusSeconds(300));
        String messageId = "msg-" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest post = HttpRequest.newBuilder(URI.create(STACK.intake() + "/vendors/" + party.vendor + "/leads"))
                .header("Content-Type", "application/json").header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(party.vendorSecret).sign(messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(202, answer.statusCode(), answer.body());
            return JSON.readTree(answer.body()).path("leadId").asText();
        } catch (IOException e) {
            throw new IllegalStateException("intake got no lead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The rep routing gave the lead to, once it has. */
    private static String holder(String leadId) {
        Answer answer = send(Caller.OPERATOR, "routing", "GET", "/leads/" + leadId, null);
        JsonNode assignments = answer.status() == 200 ? answer.json().path("assignments") : null;
        return assignments == null || assignments.isEmpty() ? null : assignments.get(0).path("repId").asText();
    }
}
