package io.warmline.scoring.rest;

import io.warmline.scoring.domain.ModelDefinition;

/** An operator's new model version: who makes it, why, and the model itself. */
public record ModelChange(String createdBy, String notes, ModelDefinition model) {
}
