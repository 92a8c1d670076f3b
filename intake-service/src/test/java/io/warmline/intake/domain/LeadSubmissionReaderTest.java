package io.warmline.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadSubmissionReaderTest {

    static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    final ObjectMapper json = new ObjectMapper();
    final LeadSubmissionReader reader = new LeadSubmissionReader();

    @Test
    void normalisesANationalPhoneNumberToE164WithTheVendorsRegion() throws Exception {
        LeadSubmission lead = accepted("""
                {"vendorLeadId":"L-1","name":" Sam Taylor ","phone":"07911 123456","email":"Sam@Example.COM",
                 "interest":"solar panels","unknownField":"ignored",
                 "signal":{"type":"callback_agreed","occurredAt":"2026-11-23T10:50:00Z"}}""");
        assertEquals("+447911123456", lead.phone());
        assertEquals("sam@example.com", lead.email());
        assertEquals("Sam Taylor", lead.name());
        assertEquals(SignalType.CALLBACK_AGREED, lead.signalType());
        assertEquals(Instant.parse("2026-11-23T10:50:00Z"), lead.signalAt());
    }

    @Test
    void anEmailAloneIsEnoughContact() throws Exception {
        LeadSubmission lead = accepted("""
                {"vendorLeadId":"L-2","name":"Sam","email":"sam@example.com",
                 "signal":{"type":"demo_request","occurredAt":"2026-11-23T10:00:00+01:00"}}""");
        assertEquals(null, lead.phone());
    }

    @Test
    void namesEveryMissingRequiredField() throws Exception {
        List<FieldProblem> problems = refused("{}");
        assertEquals(List.of("vendorLeadId", "name", "phone", "signal"),
                problems.stream().map(FieldProblem::field).toList());
    }

    @Test
    void explainsEachInvalidField() throws Exception {
        List<FieldProblem> problems = refused("""
                {"vendorLeadId":42,"name":"Sam","phone":"12","email":"not-an-email","notes":"%s",
                 "signal":{"type":"cold_call","occurredAt":"tomorrow"}}""".formatted("x".repeat(4001)));
        assertEquals(List.of("vendorLeadId", "phone", "email", "notes", "signal.type", "signal.occurredAt"),
                problems.stream().map(FieldProblem::field).toList());
        assertTrue(problems.get(4).reason().contains("callback_agreed"), "lists the known signal types");
    }

    @Test
    void refusesASignalFromTheFuture() throws Exception {
        List<FieldProblem> problems = refused("""
                {"vendorLeadId":"L-3","name":"Sam","phone":"+447911123456",
                 "signal":{"type":"referral","occurredAt":"2026-11-23T12:00:00Z"}}""");
        assertEquals(List.of(new FieldProblem("signal.occurredAt", "is in the future")), problems);
    }

    @Test
    void refusesABodyThatIsNotAnObject() throws Exception {
        assertEquals("$", refused("[1,2]").get(0).field());
    }

    private LeadSubmission accepted(String body) throws Exception {
        var result = reader.read(json.readTree(body), "GB", NOW);
        return assertInstanceOf(LeadSubmissionReader.Accepted.class, result).lead();
    }

    private List<FieldProblem> refused(String body) throws Exception {
        JsonNode tree = json.readTree(body);
        return assertInstanceOf(LeadSubmissionReader.Refused.class, reader.read(tree, "GB", NOW)).problems();
    }
}
