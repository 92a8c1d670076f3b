package io.warmline.scoring.rest;

import io.warmline.scoring.domain.ModelDefinition;
import io.warmline.scoring.domain.Signal;

import java.util.List;

/** A proposed model and a sample lead to score under it and under the active model. */
public record DryRun(ModelDefinition model, SampleLead lead) {

    public record SampleLead(List<Signal> signals, String notes) {
    }
}
