package io.warmline.routing.domain;

/** Why a lead was closed. */
public enum ClosureReason {
    SIGNED, NOT_INTERESTED, UNREACHABLE, BREACHED, WRONG_NUMBER
}
