package io.warmline.faults;

/** One guarantee the ledger found broken, with its evidence. */
public record Breach(String rule, String phase, String evidence) {
}
