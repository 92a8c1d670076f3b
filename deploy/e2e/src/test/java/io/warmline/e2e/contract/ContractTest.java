package io.warmline.e2e.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.driver.Stack;
import io.warmline.driver.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every service's OpenAPI contract, held against the running services: for every documented operation, requests
 * generated from the document with a seeded random (valid ones and broken ones, with no token, a wrong role and
 * the right one), and every answer checked by {@link AnswerCheck}. Each service's requests are drawn from a random
 * seeded for it and sent one after another, so a seed replays the same requests in the same order; the four
 * services are asked side by side. {@code -Dwarmline.contract.seed=N} picks another seed, {@code -Dwarmline.contract.rounds=N} the rounds per
 * operation. Left out: the alert stream (SSE: it never ends) and the signed webhook's success path (the vendor
 * tests cover it); the webhook gets every malformed request.
 */
class ContractTest {

    static final long SEED = Long.getLong("warmline.contract.seed", 20261128L);
    static final int ROUNDS = Integer.getInteger("warmline.contract.rounds", 12);
    static final String IDS = "contract";
    static final List<String> OTHER_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
    static final int FAILURES_SHOWN = 40;
    /** Past this, a request that got no (whole) answer is a failure, not a hang. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    static final Stack STACK = Stack.fromEnvironment();
    static final Tokens TOKENS = STACK.tokens();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    static Map<String, String> tokens;
    static Integer activeModel;

    @BeforeAll
    static void tokensAndTheActiveModel() throws Exception {
        tokens = Map.of("rep", TOKENS.issue("rep", IDS + "-0", null),
                "team-lead", TOKENS.issue("team-lead", IDS + "-1", IDS + "-2"),
                "operator", TOKENS.operator());
        HttpResponse<String> active = send(HttpRequest.newBuilder(URI.create(STACK.scoring() + "/models/active"))
                .header("Authorization", "Bearer " + tokens.get("operator")).build());
        activeModel = active.statusCode() == 200 ? ServiceContract.JSON.readTree(active.body()).path("version").asInt()
                : null;
    }

    /**
     * The shared system as the other test classes expect it: the contract's reps offline (an available rep would
     * take their leads) and the scoring model that was active before put back.
     */
    @AfterAll
    static void putTheSystemBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            String rep = IDS + "-" + i;
            send(HttpRequest.newBuilder(URI.create(STACK.routing() + "/reps/" + rep + "/presence"))
                    .header("Authorization", "Bearer " + TOKENS.issue("rep", rep, null))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"offline\"}")).build());
        }
        if (activeModel != null) {
            send(HttpRequest.newBuilder(URI.create(STACK.scoring() + "/models/" + activeModel + "/activate"))
                    .header("Authorization", "Bearer " + tokens.get("operator"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }
    }

    @Test
    void everyAnswerOfEveryServiceKeepsItsContract() throws Exception {
        System.out.printf("[contract] seed %d (-Dwarmline.contract.seed=%d replays it), %d rounds per operation%n",
                SEED, SEED, ROUNDS);
        Map<String, String> services = new LinkedHashMap<>();
        services.put("intake", STACK.intake());
        services.put("scoring", STACK.scoring());
        services.put("routing", STACK.routing());
        services.put("notification", STACK.notification());
        long started = System.nanoTime();
        ExecutorService perService = Executors.newFixedThreadPool(services.size());
        List<Future<Outcome>> outcomes = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, String> service : services.entrySet()) {
            ServiceContract contract = ServiceContract.fetch(service.getKey(), service.getValue(), HTTP);
            List<ContractRequest> drawn = requests(contract, SEED * 31 + index++);
            outcomes.add(perService.submit(() -> sendAll(contract, drawn)));
        }
        int requests = 0;
        // One example per operation and kind of failure, so one broken field does not drown the rest.
        Map<String, String> failures = new LinkedHashMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Path report = Path.of("target", "contract-failures.txt");
        Files.deleteIfExists(report);
        try {
            for (Future<Outcome> outcome : outcomes) {
                requests += outcome.get().requests();
                outcome.get().failures().forEach(failures::putIfAbsent);
                outcome.get().statuses().forEach((status, count) -> statuses.merge(status, count, Integer::sum));
            }
        } finally {
            perService.shutdownNow();
        }
        System.out.printf("[contract] %d requests to 4 services in %d ms, %d distinct failures; answers by status: %s%n",
                requests, (System.nanoTime() - started) / 1_000_000, failures.size(), statuses);
        if (!failures.isEmpty()) {
            Files.write(report, failures.values());
            System.out.println("[contract] every failure, one example request each: " + report.toAbsolutePath());
            fail("[contract] seed " + SEED + ": " + failures.size() + " distinct ways the services break their "
                    + "contracts (one example request each; the first " + FAILURES_SHOWN + "):\n"
                    + String.join("\n", failures.values().stream().limit(FAILURES_SHOWN).toList()));
        }
        assertTrue(requests >= 2000, "too few requests to say much: " + requests);
    }

    /** What one service's requests found: one example per kind of failure, and the answers by status. */
    record Outcome(int requests, Map<String, String> failures, Map<Integer, Integer> statuses) {
    }

    /** The service's requests one after another, each answer checked as it comes. */
    private static Outcome sendAll(ServiceContract contract, List<ContractRequest> requests) throws Exception {
        AnswerCheck check = new AnswerCheck(contract);
        Map<String, String> failures = new LinkedHashMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (ContractRequest request : requests) {
            String what = contract.name + " "
                    + (request.operation() == null ? request.variant() : request.operation().id());
            HttpResponse<String> answer;
            try {
                answer = HTTP.sendAsync(request.toHttp(contract.baseUrl,
                                request.role() == null ? null : tokens.get(request.role())),
                        HttpResponse.BodyHandlers.ofString()).get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                failures.putIfAbsent(what + ": no answer", what + ": no answer within " + ANSWER_WITHIN
                        + "\n    request: " + request.describe(contract.baseUrl));
                continue;
            }
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            for (String wrong : check.check(request, answer)) {
                failures.putIfAbsent(what + ": " + wrong.replaceAll("\"[^\"]*\"", "\"…\""), what + ": " + wrong
                        + "\n    request: " + request.describe(contract.baseUrl)
                        + "\n    answer: " + answer.statusCode() + " " + excerpt(answer.body()));
            }
        }
        return new Outcome(requests.size(), failures, statuses);
    }

    /** The service's requests, all drawn from one random seeded for it: the same seed, the same requests. */
    private static List<ContractRequest> requests(ServiceContract contract, long seed) {
        Random random = new Random(seed);
        SchemaValues values = new SchemaValues(contract, random, new SchemaValues.IdPool(random, IDS));
        OperationRequests generator = new OperationRequests(contract, values, random);
        List<ServiceContract.Operation> operations = contract.operations().stream()
                .filter(operation -> !streams(contract, operation)).toList();
        List<ContractRequest> requests = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (ServiceContract.Operation operation : operations) {
                requests.addAll(generator.round(operation));
            }
            if (round < 2) {
                requests.addAll(wrongMethods(contract, generator));
            }
        }
        return requests;
    }

    /**
     * Each path asked with the methods it does not have, unless the concrete path is also another documented
     * path's (GET /models/dry-run is GET /models/{version} with a version of the wrong form: a 404, rightly).
     */
    private static List<ContractRequest> wrongMethods(ServiceContract contract, OperationRequests generator) {
        List<ContractRequest> requests = new ArrayList<>();
        Set<String> paths = new TreeSet<>();
        for (ServiceContract.Operation operation : contract.operations()) {
            if (paths.add(operation.path())) {
                for (String method : OTHER_METHODS) {
                    ContractRequest request = generator.wrongMethod(operation, method);
                    if (!contract.methodsAt(request.path()).contains(method)) {
                        requests.add(request);
                    }
                }
            }
        }
        return requests;
    }

    /** An operation whose success is an endless stream (server-sent events). */
    private static boolean streams(ServiceContract contract, ServiceContract.Operation operation) {
        JsonNode ok = contract.response(operation, 200);
        return ok != null && ok.path("content").has("text/event-stream");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
