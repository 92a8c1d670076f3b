package io.warmline.platform.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What the framework refuses before a resource runs, answered as problem details like every other refusal: bodies
 * of the wrong shape or not JSON, methods a path does not have (with {@code Allow}), and the contract that lists
 * those answers (ContractAnswers).
 */
@QuarkusTest
class ProblemMappersTest {

    @Test
    void anArrayWhereAnObjectBelongsIsA422NamingTheBody() {
        given().contentType("application/json").body("[{\"text\":\"call back\"}]").post("/probe/notes")
                .then().statusCode(422).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:invalid-body"))
                .body("status", equalTo(422))
                .body("title", equalTo("Unprocessable Content"))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].reason", equalTo("must be an object"));
    }

    @Test
    void aFieldOfTheWrongKindIsA422NamingTheField() {
        given().contentType("application/json").body("{\"text\":\"call back\",\"priority\":\"high\"}")
                .post("/probe/notes")
                .then().statusCode(422).contentType(ProblemMappers.MEDIA_TYPE)
                .body("errors[0].field", equalTo("priority"))
                .body("errors[0].reason", equalTo("must be a number"));
        given().contentType("application/json").body("{\"due\":\"tomorrow\"}").post("/probe/notes")
                .then().statusCode(422).contentType(ProblemMappers.MEDIA_TYPE)
                .body("errors[0].field", equalTo("due"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400SayingWhereItBroke() {
        given().contentType("application/json").body("{\"text\": ").post("/probe/notes")
                .then().statusCode(400).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:malformed-json"))
                .body("status", equalTo(400))
                .body("detail", startsWith("the body is not valid JSON at line 1"));
    }

    @Test
    void aBodyThatIsNotJsonAtAllByItsTypeIsA415() {
        given().contentType("text/plain").body("call back").post("/probe/notes")
                .then().statusCode(415).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:unsupported-media-type"));
    }

    @Test
    void aBodyOverTheLimitIsA413BeforeItIsRead() {
        // warmline.http.max-body-bytes: 1 MiB unless the service sets less; the HTTP server's own limit answers bare.
        given().contentType("application/json").body("{\"text\":\"" + "x".repeat(1_048_576) + "\"}")
                .post("/probe/notes")
                .then().statusCode(413).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:body-too-large"))
                .body("status", equalTo(413))
                .body("detail", equalTo("the body is 1048587 bytes; the limit is 1048576"));
    }

    @Test
    void aMethodThePathDoesNotHaveIsA405ListingTheOnesItHas() {
        given().delete("/probe/notes")
                .then().statusCode(405).contentType(ProblemMappers.MEDIA_TYPE)
                .header("Allow", equalTo("OPTIONS, POST"))
                .body("type", equalTo("urn:warmline:problem:method-not-allowed"))
                .body("detail", equalTo("DELETE is not answered at /probe/notes; use OPTIONS, POST"));
        given().contentType("application/json").body("{}").put("/probe/notes/" + java.util.UUID.randomUUID())
                .then().statusCode(405).header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }

    /** The framework answers these 404, as another class serves a path that shares the prefix. */
    @Test
    void aWrongMethodOnAPathOfAnotherClassIsA405NotA404() {
        given().get("/probe/notes/n-1/tags")
                .then().statusCode(405).contentType(ProblemMappers.MEDIA_TYPE)
                .header("Allow", equalTo("OPTIONS, POST"));
    }

    @Test
    void aPathThatDoesNotExistOrAParameterOfTheWrongFormStaysA404() {
        given().get("/probe/nowhere")
                .then().statusCode(404).contentType(ProblemMappers.MEDIA_TYPE)
                .header("Allow", org.hamcrest.Matchers.nullValue())
                .body("type", equalTo("urn:warmline:problem:not-found"));
        given().get("/probe/notes/not-a-uuid")
                .then().statusCode(404).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:not-found"));
    }

    @Test
    void theContractListsTheseRefusalsAsProblemDetails() {
        String post = "paths.'/probe/notes'.post.responses";
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body(post + ".'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body(post + ".'413'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body(post + ".'415'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body(post + ".'422'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/probe/notes/{id}'.get.responses.'404'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/probe/notes'.post.responses", not(org.hamcrest.Matchers.hasKey("401")))
                // Not required, so it may be null; the problem's own members are required.
                .body("components.schemas.Note.properties.text.type", hasItem("null"))
                .body("components.schemas.Problem.required", hasItem("detail"))
                .body("components.schemas.Problem.properties.detail.type", equalTo("string"));
    }

    @Test
    void swaggerUiIsServedOutsideDevModeToo() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
