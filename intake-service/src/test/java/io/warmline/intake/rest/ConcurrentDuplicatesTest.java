package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Twenty copies of one lead at the same moment: exactly one lead and one {@code LeadReceived} event. */
@QuarkusTest
class ConcurrentDuplicatesTest extends IntakeTest {

    static final int COPIES = 20;
    @Test
    void twentyParallelCopiesOfOneVendorLeadIdMakeOneLeadAndOneEvent() throws Exception {
        TestVendor vendor = TestVendor.register(clock);
        String body = Leads.lead("L-race", clock.instant());
        // Each copy is its own delivery (its own webhook-id), as a vendor retrying from several workers sends.
        String leadId = oneLeadAnswersAll(race(copy -> vendor.post(body).extract()));
        assertEquals(1, records.leads(vendor.id, "L-race"));
        records.assertPublishedOnce(leadId);
    }

    /**
     * Twenty deliveries racing with one webhook id and different bodies (a vendor reusing an id): the insert that
     * claims the id lets one through; every other answers as a replay of that lead, having stored nothing.
     */
    @Test
    void twentyParallelDeliveriesOfOneWebhookIdMakeOneLead() throws Exception {
        TestVendor vendor = TestVendor.register(clock);
        String messageId = TestVendor.newMessageId();
        long now = clock.epochSecond();
        String leadId = oneLeadAnswersAll(race(copy ->
                vendor.post(messageId, now, Leads.lead("L-id-race-" + copy, clock.instant())).extract()));
        long stored = IntStream.range(0, COPIES).mapToLong(i -> records.leads(vendor.id, "L-id-race-" + i)).sum();
        assertEquals(1, stored);
        records.assertPublishedOnce(leadId);
    }

    /** The answers of COPIES senders let go at the same moment. */
    private static List<ExtractableResponse<Response>> race(IntFunction<ExtractableResponse<Response>> send) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(COPIES);
        try {
            List<Future<ExtractableResponse<Response>>> copies = IntStream.range(0, COPIES)
                    .mapToObj(copy -> senders.submit(() -> {
                        start.await();
                        return send.apply(copy);
                    })).toList();
            start.countDown();
            return copies.stream().map(ConcurrentDuplicatesTest::get).toList();
        } finally {
            senders.shutdownNow();
        }
    }

    /** One 202, the rest 200, all with the one lead's id, which is returned. */
    private static String oneLeadAnswersAll(List<ExtractableResponse<Response>> answers) {
        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(ExtractableResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(202, 1L, 200, (long) COPIES - 1), byStatus);
        List<String> leadIds = answers.stream().map(answer -> answer.<String>path("leadId")).distinct().toList();
        assertEquals(1, leadIds.size(), "every copy is answered with the one lead's id");
        return leadIds.get(0);
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
