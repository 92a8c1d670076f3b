package io.warmline.faults;

import io.warmline.driver.Stack;
import io.warmline.driver.StaffCalls;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

/**
 * An escalation policy in seconds instead of minutes, published by an operator for every tier's default
 * ({@code PUT /escalation-policies/{tier}/*}) before the load starts, so reminders come due during the run and the
 * faults hit timers too. Both steps remind the rep (on the live stream: no mail server or push service is needed);
 * each step has its own message, so a reminder stored twice is told apart from the next step. No repeat, and a
 * deadline far beyond the run: no lead lapses, so a second assignment stays a double.
 */
final class FastEscalation {

    static final Duration FIRST_REMINDER = Duration.ofSeconds(20);
    static final Duration SECOND_REMINDER = Duration.ofSeconds(40);
    static final Duration DEADLINE = Duration.ofMinutes(90);
    private static final List<String> TIERS = List.of("hot", "warm", "cool", "cold");

    private FastEscalation() {
    }

    static String describe() {
        return "rep reminded at +" + FIRST_REMINDER.toSeconds() + " s and +" + SECOND_REMINDER.toSeconds()
                + " s, deadline +" + DEADLINE.toMinutes() + " min";
    }

    static void install(Stack stack) throws Exception {
        String policy = "{\"steps\":["
                + "{\"offset\":\"" + FIRST_REMINDER + "\",\"target\":\"rep\",\"message\":\"Fault suite reminder 1\"},"
                + "{\"offset\":\"" + SECOND_REMINDER + "\",\"target\":\"rep\",\"message\":\"Fault suite reminder 2\"}],"
                + "\"repeatEvery\":null,\"deadline\":\"" + DEADLINE + "\"}";
        HttpClient http = HttpClient.newHttpClient();
        String operator = stack.tokens().operator();
        for (String tier : TIERS) {
            StaffCalls.call(http, "PUT", stack.notification() + "/escalation-policies/" + tier + "/*", operator, policy);
        }
    }
}
