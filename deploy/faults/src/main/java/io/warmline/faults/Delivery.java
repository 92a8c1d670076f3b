package io.warmline.faults;

/**
 * One webhook delivery a vendor sent and what came back: {@code status} 0 when no answer came (timeout, refused
 * connection). A retry and a duplicate delivery carry the same webhook id; {@code leadId} is the id a 2xx named.
 */
public record Delivery(String vendorLeadId, String webhookId, int attempt, boolean duplicate, long sentAtMillis,
                       int status, boolean retryAfter, String leadId, String error) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    public boolean answered() {
        return status > 0;
    }

    /** A refusal as the contract allows it while a dependency is out: 503 with Retry-After (nothing stored). */
    public boolean retryLater() {
        return status == 503 && retryAfter;
    }
}
