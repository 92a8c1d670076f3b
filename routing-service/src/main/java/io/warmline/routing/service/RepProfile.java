package io.warmline.routing.service;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** Everything an operator sets about a rep (all checked by the resource); presence is the rep's own business. */
public record RepProfile(String name, String email, int capacity, String teamId, Set<String> territories,
                         Set<String> products, String timeZone, LocalTime shiftStart, LocalTime shiftEnd,
                         Set<DayOfWeek> daysOff, double conversionRate, int weight, boolean active) {
}
