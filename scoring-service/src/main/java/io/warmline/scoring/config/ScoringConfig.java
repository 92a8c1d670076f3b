package io.warmline.scoring.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "warmline.scoring")
public interface ScoringConfig {

    Rescore rescore();

    /** Re-scoring of leads still waiting for a rep, as their signals age. */
    interface Rescore {

        /** How often waiting leads are re-scored. */
        Duration interval();

        /** Leads that arrived longer ago than this are left as they are. */
        Duration horizon();

        /** Leads re-scored in one transaction. */
        int batchSize();
    }
}
