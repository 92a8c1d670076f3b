package io.warmline.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.intake.config.TestClock;
import io.warmline.intake.domain.SignalType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vendor integrates from the docs alone: the worked signing examples published in the OpenAPI contract check
 * out against a signer written from the README's recipe, the READMEs quote the same examples, and requests built
 * from the contract's examples and that signer are accepted.
 */
@QuarkusTest
class DocumentedIntegrationTest {

    static final String LEADS = "/vendors/{vendorId}/leads";
    static final String LEAD = "/vendors/{vendorId}/leads/{leadId}";

    @Inject
    TestClock clock;

    final ObjectMapper json = new ObjectMapper();
    JsonNode contract;

    @BeforeEach
    void readTheContract() throws Exception {
        contract = json.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void theWorkedExamplesCheckOutAgainstASignerWrittenFromTheRecipe() {
        for (JsonNode example : List.of(example(LEADS, "post"), example(LEAD, "get"))) {
            assertEquals(example.path("webhookSignature").asText(), TestVendor.sign(example.path("secret").asText(),
                    example.path("webhookId").asText(), example.path("webhookTimestamp").asLong(),
                    example.path("body").asText()));
        }
    }

    @Test
    void theReadmesQuoteTheSameExample() throws Exception {
        JsonNode example = example(LEADS, "post");
        for (Path readme : List.of(Path.of("..", "README.md"), Path.of("README.md"))) {
            String text = Files.readString(readme);
            for (String field : List.of("secret", "webhookId", "webhookTimestamp", "body", "webhookSignature")) {
                assertTrue(text.contains(example.path(field).asText()), readme + " quotes the example's " + field);
            }
        }
    }

    @Test
    void requestsBuiltFromTheContractAreAccepted() throws Exception {
        TestVendor vendor = TestVendor.register(clock);
        JsonNode examples = contract.path("paths").path(LEADS).path("post").path("requestBody").path("content")
                .path("application/json").path("examples");
        assertEquals(json.readTree(example(LEADS, "post").path("body").asText()), body(examples.path("minimal")));
        for (String name : List.of("minimal", "complete")) {
            String leadId = vendor.post(body(examples.path(name)).toString())
                    .statusCode(202).body("status", equalTo("received")).extract().path("leadId");
            vendor.status(leadId).statusCode(200).body("status", equalTo("received"));
        }
    }

    @Test
    void everyOperationDocumentsItsRefusalsAsProblemDetails() {
        JsonNode responses = contract.path("components").path("responses");
        contract.path("paths").forEach(path -> path.forEach(operation -> operation.path("responses").forEach(
                response -> {
                    String ref = response.path("$ref").asText();
                    if (!ref.isEmpty()) {
                        JsonNode shared = responses.path(ref.substring(ref.lastIndexOf('/') + 1));
                        assertTrue(shared.path("content").has("application/problem+json"), ref + " is problem details");
                    }
                })));
        // 404: the platform's contract lists it for every operation with a path parameter (ContractAnswers); an
        // unknown vendor id itself is a 401, as the vendor guide says.
        assertEquals(List.of("400", "401", "403", "404", "413", "415", "422", "429", "503"), refusals(LEADS, "post"));
        assertEquals(List.of("400", "401", "403", "404", "429", "503"), refusals(LEAD, "get"));
    }

    @Test
    void theDocumentedSignalTypesAreTheAcceptedOnes() {
        List<String> documented = new ArrayList<>();
        contract.path("components").path("schemas").path("Signal").path("properties").path("type").path("enum")
                .forEach(type -> documented.add(type.asText()));
        assertEquals(Arrays.stream(SignalType.values()).map(SignalType::wireName).toList(), documented);
    }

    private List<String> refusals(String path, String method) {
        List<String> codes = new ArrayList<>();
        contract.path("paths").path(path).path(method).path("responses").fieldNames().forEachRemaining(code -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                codes.add(code);
            }
        });
        return codes.stream().sorted().toList();
    }

    /** An example's value, whether the contract carries it as JSON or as JSON text. */
    private JsonNode body(JsonNode example) throws Exception {
        JsonNode value = example.path("value");
        return value.isTextual() ? json.readTree(value.asText()) : value;
    }

    private JsonNode example(String path, String method) {
        JsonNode example = contract.path("paths").path(path).path(method).path("x-signature-example");
        assertTrue(example.isObject(), method + " " + path + " publishes x-signature-example");
        return example;
    }
}
