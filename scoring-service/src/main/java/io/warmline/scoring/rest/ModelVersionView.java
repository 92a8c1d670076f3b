package io.warmline.scoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.warmline.scoring.domain.ModelDefinition;
import io.warmline.scoring.persistence.ModelVersion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A stored model version; {@code model} is left out of lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionView(@Schema(required = true) int version,
                               @Schema(required = true) boolean active,
                               @Schema(required = true) Instant createdAt,
                               @Schema(required = true) String createdBy,
                               String notes,
                               Instant activatedAt,
                               ModelDefinition model) {

    static ModelVersionView of(ModelVersion row, int activeVersion, ModelDefinition model) {
        return new ModelVersionView(row.version, row.version == activeVersion, row.createdAt, row.createdBy,
                row.notes, row.activatedAt, model);
    }
}
