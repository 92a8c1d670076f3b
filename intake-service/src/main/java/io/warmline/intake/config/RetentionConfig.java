package io.warmline.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a closed lead's personal data is kept, and how the retention job works through the expired ones. */
@ConfigMapping(prefix = "warmline.retention")
public interface RetentionConfig {

    /** After a lead closes, its personal data is kept this long, then erased everywhere. */
    @WithDefault("P90D")
    Duration period();

    /** How often the job runs (read by its {@code @Scheduled}). */
    @WithDefault("1h")
    String interval();

    /** Leads erased per transaction; a run repeats batches until none is left or {@link #maxBatchesPerRun()}. */
    @WithDefault("200")
    int batchSize();

    @WithDefault("50")
    int maxBatchesPerRun();
}
