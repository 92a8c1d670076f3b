package io.warmline.routing.domain;

/** A prospect's stalling answer on a connected call: each needs a dated follow-up. */
public enum Objection {
    SEND_INFORMATION, NOT_READY, THINK_ABOUT_IT
}
