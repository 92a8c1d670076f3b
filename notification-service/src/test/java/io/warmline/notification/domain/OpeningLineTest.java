package io.warmline.notification.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpeningLineTest {

    @Test
    void aCallbackAgreedIsCalledAsPromised() {
        assertEquals("Hi Sam, thanks for picking up. You spoke with our team earlier about solar panels; "
                        + "I'm calling as promised. Is now still a good time?",
                OpeningLine.forCall("Sam Taylor", "solar panels", "callback_agreed"));
    }

    @Test
    void aDemoRequestIsAboutTheDemoTheyAskedFor() {
        assertEquals("Hi Priya, thanks for picking up. You asked for a demo of the fleet tracker, so I'm calling to "
                        + "set it up. When would suit you?",
                OpeningLine.forCall("Priya Natarajan", "the fleet tracker", "demo_request"));
    }

    @Test
    void aReferralSaysTheyWereReferred() {
        String line = OpeningLine.forCall("Jo", "heat pumps", "referral");
        assertTrue(line.startsWith("Hi Jo, "), line);
        assertTrue(line.contains("You were referred to us about heat pumps"), line);
    }

    @Test
    void anyOtherSignalGetsASofterLine() {
        String line = OpeningLine.forCall("Sam Taylor", "solar panels", "content_download");
        assertEquals("Hi Sam, thanks for picking up. I saw you were looking into solar panels and wondered whether "
                + "I could help. Is now a good time for a quick chat?", line);
        assertFalse(line.contains("promised"), line);
    }

    @Test
    void anUnknownOrMissingSignalIsTreatedAsTheSofterLine() {
        assertEquals(OpeningLine.forCall("Sam", "solar panels", "content_download"),
                OpeningLine.forCall("Sam", "solar panels", null));
        assertEquals(OpeningLine.forCall("Sam", "solar panels", "content_download"),
                OpeningLine.forCall("Sam", "solar panels", "something_new"));
    }

    @Test
    void signalTypesAreMatchedWhateverTheirCase() {
        assertEquals(OpeningLine.forCall("Sam", "solar panels", "callback_agreed"),
                OpeningLine.forCall("Sam", "solar panels", "Callback_Agreed"));
    }

    @Test
    void onlyTheFirstNameIsUsed() {
        String line = OpeningLine.forCall("  Mary   Ann Smith ", "solar panels", "callback_agreed");
        assertTrue(line.startsWith("Hi Mary, "), line);
        assertFalse(line.contains("Smith"), line);
    }

    @Test
    void withoutANameTheGreetingStillReads() {
        assertTrue(OpeningLine.forCall(null, "solar panels", "callback_agreed").startsWith("Hi, thanks"));
        assertTrue(OpeningLine.forCall("   ", "solar panels", "callback_agreed").startsWith("Hi, thanks"));
    }

    @Test
    void withoutAnInterestNoEmptyTopicIsMentioned() {
        assertEquals("Hi Sam, thanks for picking up. You spoke with our team earlier; I'm calling as promised. "
                + "Is now still a good time?", OpeningLine.forCall("Sam", null, "callback_agreed"));
        assertEquals("Hi Sam, thanks for picking up. You asked for a demo, so I'm calling to set it up. "
                + "When would suit you?", OpeningLine.forCall("Sam", " ", "demo_request"));
        assertTrue(OpeningLine.forCall("Sam", null, "email_open").contains("looking into what we offer"));
    }
}
