package io.warmline.routing.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class RepResourceTest {

    final String repId = "rep-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void createsARepOfflineThenUpdatesIt() {
        given().contentType("application/json").body("{\"name\":\"Alex Morgan\",\"capacity\":2}")
                .put("/reps/{id}", repId)
                .then().statusCode(201).body("presence", equalTo("offline")).body("capacity", equalTo(2));
        given().contentType("application/json").body("{\"name\":\"Alex Morgan\",\"capacity\":4}")
                .put("/reps/{id}", repId)
                .then().statusCode(200).body("capacity", equalTo(4));
        given().get("/reps").then().statusCode(200).body("id", hasItem(repId));
    }

    @Test
    void setsPresence() {
        given().contentType("application/json").body("{\"name\":\"Alex\"}").put("/reps/{id}", repId)
                .then().statusCode(201);
        given().contentType("application/json").body("{\"status\":\"busy\"}").put("/reps/{id}/presence", repId)
                .then().statusCode(200).body("presence", equalTo("busy"));
        given().get("/reps/{id}", repId).then().statusCode(200).body("presence", equalTo("busy"));
    }

    @Test
    void refusesAnInvalidRepNamingEachField() {
        given().contentType("application/json").body("{\"capacity\":0}").put("/reps/{id}", "Not An Id")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:invalid-rep"))
                .body("errors.field", contains("repId", "name", "capacity"));
    }

    @Test
    void refusesAnUnknownPresence() {
        given().contentType("application/json").body("{\"status\":\"sleeping\"}").put("/reps/{id}/presence", repId)
                .then().statusCode(422).body("errors[0].field", equalTo("status"));
    }

    @Test
    void answersNotFoundForAnUnknownRep() {
        given().contentType("application/json").body("{\"status\":\"available\"}")
                .put("/reps/{id}/presence", "nobody-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:unknown-rep"));
        given().get("/reps/nobody-here").then().statusCode(404);
    }

    @Test
    void refusesMalformedJsonWithProblemDetails() {
        given().contentType("application/json").body("{\"name\":").put("/reps/{id}", repId)
                .then().statusCode(400).contentType("application/problem+json");
    }
}
