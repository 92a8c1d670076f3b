package io.warmline.platform.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.probe.ProbeWorld;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Callers that hang up while their write is in flight (more of them than the pool has connections): every write
 * still commits, and the service keeps answering. Cancelled in flight, a Hibernate Reactive transaction would keep
 * its connection, and the service would hang once the pool ran dry.
 */
@QuarkusTest
class CallerHangsUpTest {

    static final int CALLERS = 30;

    @TestHTTPResource("/")
    URL service;

    @Inject
    Pool database;

    @Test
    void writesWhoseCallersHangUpStillCommitAndTheServiceKeepsAnswering() throws Exception {
        UUID lead = UUID.randomUUID();
        for (int seq = 0; seq < CALLERS; seq++) {
            hangUpDuring("/probe/slow-writes/" + lead + "/" + seq);
        }
        try (ProbeWorld world = new ProbeWorld(database)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> world.applied(lead).size() >= CALLERS);
            assertEquals(IntStream.range(0, CALLERS).boxed().toList(),
                    world.applied(lead).stream().sorted().toList(), "each write committed once");
            given().post("/probe/slow-writes/" + lead + "/" + CALLERS).then().statusCode(200);
            assertEquals(CALLERS + 1, world.applied(lead).size());
        }
    }

    /** Sends the request and closes the connection before the answer, as a client that timed out does. */
    private void hangUpDuring(String path) throws Exception {
        try (Socket socket = new Socket(service.getHost(), service.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + service.getHost() + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Long enough for the transaction to be under way, well short of its 0.4 s.
            Thread.sleep(100);
        }
    }
}
