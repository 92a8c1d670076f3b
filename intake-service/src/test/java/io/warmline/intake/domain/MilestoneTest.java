package io.warmline.intake.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MilestoneTest {

    @Test
    void aFollowUpShowsTheCallsOutcome() {
        for (String outcome : new String[]{"connected", "voicemail", "no_answer", "wrong_number"}) {
            assertEquals(Optional.of(outcome), Milestone.FOLLOWED_UP.vendorOutcome(outcome));
        }
    }

    @Test
    void aClosureShowsItsReason() {
        for (String reason : new String[]{"signed", "not_interested", "unreachable", "breached", "wrong_number",
                "no_consent", "email_only"}) {
            assertEquals(Optional.of(reason), Milestone.CLOSED.vendorOutcome(reason));
        }
    }

    @Test
    void nothingElseIsShown() {
        assertEquals(Optional.empty(), Milestone.FOLLOWED_UP.vendorOutcome("signed"), "a closure's word");
        assertEquals(Optional.empty(), Milestone.CLOSED.vendorOutcome("voicemail"), "a call's word");
        assertEquals(Optional.empty(), Milestone.ASSIGNED.vendorOutcome("connected"));
        assertEquals(Optional.empty(), Milestone.FOLLOWED_UP.vendorOutcome("Sam asked for a call on 07911 123456"));
        assertEquals(Optional.empty(), Milestone.FOLLOWED_UP.vendorOutcome(null));
    }

    @Test
    void wireNamesReadBack() {
        for (Milestone milestone : Milestone.values()) {
            assertEquals(Optional.of(milestone), Milestone.fromWireName(milestone.wireName()));
        }
        assertEquals(Optional.empty(), Milestone.fromWireName("lapsed"));
    }
}
