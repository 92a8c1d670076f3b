package io.warmline.driver;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Made-up contacts for test and benchmark leads. Each lead gets its own phone and email: intake links the same
 * person sent by two vendors to the first lead (not routed twice), so shared contact details would make leads
 * from a second vendor disappear into the first one's.
 */
public final class Contacts {

    private Contacts() {
    }

    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextInt(1_000_000));

    /** A valid UK mobile number in national format (07400 xxxxxx: the whole block is valid), a new one each call. */
    public static String ukMobile() {
        return "07400 " + String.format("%06d", NEXT.getAndIncrement() % 1_000_000);
    }

    /** The same number in E.164, as intake stores and alerts show it. */
    public static String e164(String ukMobile) {
        return "+44" + ukMobile.replace(" ", "").substring(1);
    }

    public static String email() {
        return "lead-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "@example.com";
    }
}
