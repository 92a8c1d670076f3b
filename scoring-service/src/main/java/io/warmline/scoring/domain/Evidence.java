package io.warmline.scoring.domain;

import java.time.Instant;
import java.util.List;

/**
 * Everything known of one lead's intent: its signals (its own and those of later leads linked to it), the
 * qualifying notes vendors sent, and when the latest of them reached us ({@code lastArrivedAt}), from which a
 * late lead still gets its minimum window to call.
 */
public record Evidence(List<Signal> signals, List<String> notes, Instant lastArrivedAt) {

    public Evidence {
        signals = List.copyOf(signals);
        notes = notes.stream().filter(note -> note != null && !note.isBlank()).toList();
    }
}
