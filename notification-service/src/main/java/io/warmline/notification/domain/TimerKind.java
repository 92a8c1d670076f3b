package io.warmline.notification.domain;

/** What a durable timer does when it comes due. */
public enum TimerKind {
    /** A policy step: a reminder to the rep or an escalation to someone else. */
    STEP,
    /** The policy's last moment: nobody logged a follow-up, the lead is reassigned and operators are told. */
    DEADLINE,
    /** A follow-up the rep scheduled (a next step or an objection's date): a reminder to the rep at that time. */
    CALLBACK
}
