package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vendor's secret is rotated while its leads keep arriving signed with the old one: none is refused during the
 * grace period, and the old secret is refused after it. Time is moved, not waited for.
 */
@QuarkusTest
class SecretRotationTest extends IntakeTest {

    TestVendor vendor;

    @BeforeEach
    void registerVendor() {
        vendor = TestVendor.register(clock);
    }

    @Test
    void theOldSecretKeepsWorkingThroughTheGracePeriodAndIsRefusedAfterIt() throws Exception {
        String oldSecret = vendor.secret;
        List<Integer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        // The vendor's senders keep posting with the old secret while the operator rotates it.
        CompletableFuture<Void> senders = CompletableFuture.runAsync(() -> {
            while (sending.get() || sent.get() < 5) {
                answers.add(vendor.post(Leads.lead("L-during-" + sent.incrementAndGet(), clock.instant()))
                        .extract().statusCode());
            }
        });
        while (sent.get() < 2) {
            Thread.onSpinWait();
        }
        String newSecret = vendor.rotateSecret("PT24H");
        sending.set(false);
        senders.get();
        assertNotEquals(oldSecret, newSecret);
        assertEquals(List.of(202), answers.stream().distinct().toList(), "no lead refused during the rotation");

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        vendor.post(Leads.lead("L-last-minute", clock.instant())).statusCode(202);
        signedWith(newSecret).post(Leads.lead("L-new", clock.instant())).statusCode(202);

        clock.advance(Duration.ofSeconds(1));
        LeadRefusalsTest.refused(vendor.post(Leads.lead("L-too-late", clock.instant())), 401, "invalid-signature");
        records.assertNothingStored(vendor.id, "L-too-late");
        signedWith(newSecret).post(Leads.lead("L-after", clock.instant())).statusCode(202);
    }

    @Test
    void bothSignaturesMayShareTheHeaderWhileTheVendorSwitches() {
        String newSecret = vendor.rotateSecret("PT1H");
        String body = Leads.lead("L-both", clock.instant());
        String messageId = TestVendor.newMessageId();
        long now = clock.epochSecond();
        String both = TestVendor.sign(vendor.secret, messageId, now, body) + " "
                + TestVendor.sign(newSecret, messageId, now, body);
        vendor.postSigned(messageId, now, body, both).statusCode(202);

        clock.advance(Duration.ofHours(1));
        String later = Leads.lead("L-both-later", clock.instant());
        String laterId = TestVendor.newMessageId();
        long laterNow = clock.epochSecond();
        vendor.postSigned(laterId, laterNow, later, TestVendor.sign(vendor.secret, laterId, laterNow, later) + " "
                + TestVendor.sign(newSecret, laterId, laterNow, later)).statusCode(202);
    }

    @Test
    void aZeroGracePeriodRevokesTheOldSecretAtOnce() {
        String newSecret = vendor.rotateSecret("PT0S");
        LeadRefusalsTest.refused(vendor.post(Leads.lead("L-leaked", clock.instant())), 401, "invalid-signature");
        records.assertNothingStored(vendor.id, "L-leaked");
        signedWith(newSecret).post(Leads.lead("L-fresh", clock.instant())).statusCode(202);
    }

    @Test
    void aSecondRotationWithinTheGracePeriodRevokesTheOldest() {
        String first = vendor.secret;
        String second = vendor.rotateSecret("PT24H");
        String third = vendor.rotateSecret("PT24H");
        assertTrue(List.of(first, second, third).stream().distinct().count() == 3);

        LeadRefusalsTest.refused(signedWith(first).post(Leads.lead("L-first", clock.instant())), 401,
                "invalid-signature");
        signedWith(second).post(Leads.lead("L-second", clock.instant())).statusCode(202);
        signedWith(third).post(Leads.lead("L-third", clock.instant())).statusCode(202);
    }

    private TestVendor signedWith(String secret) {
        return vendor.signingWith(secret);
    }
}
