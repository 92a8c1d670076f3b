package io.warmline.routing.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who sees which part of a lead's story: the north team had it first, it lapsed, the south team has it now. */
class LeadStoryTest {

    static final Instant RECEIVED = Instant.parse("2026-11-23T09:00:00Z");
    static final Instant FIRST = RECEIVED.plusSeconds(5);
    static final Instant LAPSED = FIRST.plusSeconds(3600);
    static final List<LeadStory.Holder> HOLDERS = List.of(
            new LeadStory.Holder(2, "sky", "south", LAPSED),
            new LeadStory.Holder(1, "alex", "north", FIRST));

    static final Actor OPERATOR = new Actor("ops-1", Actor.Role.OPERATOR, null);
    static final Actor NORTH_LEAD = new Actor("nia", Actor.Role.TEAM_LEAD, "north");
    static final Actor SOUTH_LEAD = new Actor("sol", Actor.Role.TEAM_LEAD, "south");
    static final Actor SKY = new Actor("sky", Actor.Role.REP, "south");
    static final Actor ALEX = new Actor("alex", Actor.Role.REP, "north");

    @Test
    void anOperatorSeesEveryTurnAndEveryStep() {
        LeadStory story = new LeadStory(OPERATOR, HOLDERS);
        assertTrue(HOLDERS.stream().allMatch(story::seesAssignment));
        assertTrue(story.seesStep("alex", FIRST.plusSeconds(60)));
        assertTrue(story.seesRep("alex"));
    }

    @Test
    void theTeamHoldingTheLeadNowSeesItsOwnTurnAndWhatCameBeforeAnyoneHeldItNotTheOtherTeams() {
        for (Actor actor : List.of(SOUTH_LEAD, SKY)) {
            LeadStory story = new LeadStory(actor, HOLDERS);
            assertTrue(story.seesAssignment(HOLDERS.get(0)), actor + " sees the south turn");
            assertFalse(story.seesAssignment(HOLDERS.get(1)), actor + " does not see the north turn");
            assertTrue(story.seesStep(null, RECEIVED), "received, before anyone held it");
            assertFalse(story.seesStep("alex", FIRST.plusSeconds(60)), "alex's attempt");
            assertFalse(story.seesStep(null, FIRST.plusSeconds(1800)), "an escalation during alex's turn");
            // The lapse is alex's though it happened at the moment sky was given the lead.
            assertFalse(story.seesStep("alex", LAPSED), "alex's lapse");
            assertTrue(story.seesStep("sky", LAPSED), "sky's assignment");
            assertTrue(story.seesStep(null, LAPSED.plusSeconds(600)), "an escalation during sky's turn");
            assertFalse(story.seesRep("alex"), "the rep the lead came from");
            assertTrue(story.seesRep("sky"));
        }
    }

    @Test
    void theTeamThatHadItFirstSeesItsOwnTurnOnly() {
        LeadStory story = new LeadStory(NORTH_LEAD, HOLDERS);
        assertTrue(story.seesAssignment(HOLDERS.get(1)));
        assertFalse(story.seesAssignment(HOLDERS.get(0)));
        assertTrue(story.seesStep("alex", LAPSED));
        assertFalse(story.seesStep("sky", LAPSED.plusSeconds(60)));
        assertFalse(story.seesStep(null, LAPSED.plusSeconds(600)));
    }

    @Test
    void aRepSeesNoOtherRepsTurnEvenInTheirOwnTeam() {
        LeadStory story = new LeadStory(ALEX, List.of(new LeadStory.Holder(1, "alex", "north", FIRST),
                new LeadStory.Holder(2, "noor", "north", LAPSED)));
        assertTrue(story.seesStep("alex", FIRST.plusSeconds(60)));
        assertFalse(story.seesStep("noor", LAPSED.plusSeconds(60)));
        assertTrue(new LeadStory(NORTH_LEAD, List.of(new LeadStory.Holder(1, "alex", "north", FIRST),
                new LeadStory.Holder(2, "noor", "north", LAPSED))).seesStep("noor", LAPSED.plusSeconds(60)),
                "their team lead sees both turns");
    }

    @Test
    void aTeamLeadSeesTheirOwnTeamOnlyAndARepNone() {
        assertTrue(NORTH_LEAD.seesTeam("north"));
        assertFalse(NORTH_LEAD.seesTeam("south"));
        assertFalse(new Actor("nia", Actor.Role.TEAM_LEAD, null).seesTeam("north"), "a team lead without a team");
        assertFalse(ALEX.seesTeam("north"), "teams are for team leads and operators");
        assertTrue(OPERATOR.seesTeam("south"));
    }
}
