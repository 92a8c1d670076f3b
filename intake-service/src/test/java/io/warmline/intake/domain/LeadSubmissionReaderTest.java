package io.warmline.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmline.platform.domain.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
    void readsTheOptionalFields() throws Exception {
        LeadSubmission lead = accepted("""
                {"vendorLeadId":"L-4","name":"Sam","phone":"+1 415 555 2671","postcode":" bs1 4dj ",
                 "signal":{"type":"webinar_attended","occurredAt":"2026-11-23T09:00:00Z"},
                 "preferredCallWindow":{"from":"2026-11-23T15:00:00+01:00","to":"2026-11-23T17:00:00+01:00"},
                 "consent":{"granted":true,"recordedAt":"2026-11-23T10:59:00Z","method":"web form"}}""");
        assertEquals("+14155552671", lead.phone(), "a number with its country code keeps it");
        assertEquals("BS1 4DJ", lead.postcode());
        assertEquals(new CallWindow(Instant.parse("2026-11-23T14:00:00Z"), Instant.parse("2026-11-23T16:00:00Z"),
                ZoneId.of("America/Los_Angeles")), lead.preferredCallWindow(), "the zone of a 415 number");
        assertEquals(new Consent(true, Instant.parse("2026-11-23T10:59:00Z"), "web form"), lead.consent());
    }

    @Test
    void theWindowsTimeZoneIsTheOneGivenElseThePhonesElseTheOffsetItWasWrittenIn() throws Exception {
        String lead = """
                {"vendorLeadId":"L-7","name":"Sam",%s,"signal":{"type":"referral","occurredAt":"2026-11-23T09:00:00Z"},
                 "preferredCallWindow":{"from":"2026-11-23T18:00:00+01:00","to":"2026-11-23T19:00:00+01:00"%s}}""";
        assertEquals(ZoneId.of("Europe/Paris"), accepted(lead.formatted("\"phone\":\"+447911123456\"",
                ",\"timeZone\":\"Europe/Paris\"")).preferredCallWindow().timeZone(), "given");
        assertEquals(ZoneId.of("Europe/London").getRules(), accepted(lead.formatted("\"phone\":\"07911 123456\"",
                "")).preferredCallWindow().timeZone().getRules(), "a UK mobile: London's clock");
        assertEquals(ZoneId.of("America/New_York"), accepted(lead.formatted("\"phone\":\"+1 212 555 2671\"", ""))
                .preferredCallWindow().timeZone(), "a New York area code");
        assertEquals(ZoneOffset.ofHours(1), accepted(lead.formatted("\"email\":\"sam@example.com\"", ""))
                .preferredCallWindow().timeZone(), "no phone: the offset the window was written in");
        assertEquals(ZoneOffset.ofHours(1), accepted(lead.formatted("\"phone\":\"+7 912 345 6789\"", ""))
                .preferredCallWindow().timeZone(), "a Russian mobile spans eleven clocks: the offset again");
    }

    @Test
    void explainsEachInvalidOptionalField() throws Exception {
        List<FieldProblem> problems = refused("""
                {"vendorLeadId":"L-5","name":"Sam","email":"sam@example.com","postcode":"%s",
                 "signal":{"type":"referral","occurredAt":"2026-11-23T09:00:00Z"},
                 "preferredCallWindow":{"from":"2026-11-23T17:00:00Z","to":"2026-11-23T15:00:00Z"},
                 "consent":{"recordedAt":"2027-01-01T00:00:00Z"}}""".formatted("x".repeat(17)));
        assertEquals(List.of("postcode", "preferredCallWindow.to", "consent.granted", "consent.recordedAt"),
                problems.stream().map(FieldProblem::field).toList());
    }

    @Test
    void refusesANestedFieldThatIsNotAnObject() throws Exception {
        List<FieldProblem> problems = refused("""
                {"vendorLeadId":"L-6","name":"Sam","email":"sam@example.com","signal":"demo_request",
                 "preferredCallWindow":"mornings"}""");
        assertEquals(List.of("signal", "preferredCallWindow"), problems.stream().map(FieldProblem::field).toList());
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
