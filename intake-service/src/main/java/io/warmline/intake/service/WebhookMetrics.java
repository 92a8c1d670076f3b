package io.warmline.intake.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.warmline.platform.rest.RefusalObserver;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the webhook did, by vendor: leads received, duplicates, and refusals by reason. Tags stay low in
 * cardinality: a refusal for a vendor id nobody registered is counted under {@code unknown}, so a flood of made-up
 * ids cannot grow the metrics.
 */
@ApplicationScoped
public class WebhookMetrics implements RefusalObserver {

    private static final Pattern WEBHOOK = Pattern.compile("^/vendors/([^/]+)/leads$");
    private final MeterRegistry meters;

    WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void received(String vendorId) {
        meters.counter("warmline.leads.received", "vendor", vendorId).increment();
    }

    public void duplicate(String vendorId) {
        meters.counter("warmline.leads.duplicates", "vendor", vendorId).increment();
    }

    /** Counts a refusal when it answered a lead webhook (other paths are operators' calls). */
    @Override
    public void refused(String path, String reason) {
        Matcher webhook = WEBHOOK.matcher(path);
        if (webhook.matches()) {
            String vendor = reason.equals("unknown-vendor") ? "unknown" : webhook.group(1);
            meters.counter("warmline.leads.refused", "vendor", vendor, "reason", reason).increment();
        }
    }
}
