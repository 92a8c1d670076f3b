package io.warmline.routing.domain;

/** What happened on one call attempt. */
public enum Outcome {
    CONNECTED, VOICEMAIL, NO_ANSWER, WRONG_NUMBER;

    boolean unanswered() {
        return this == VOICEMAIL || this == NO_ANSWER;
    }
}
