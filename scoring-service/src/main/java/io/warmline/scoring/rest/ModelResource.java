package io.warmline.scoring.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.scoring.domain.Evidence;
import io.warmline.scoring.domain.ModelDefinition;
import io.warmline.scoring.domain.ModelRules;
import io.warmline.scoring.domain.Signal;
import io.warmline.scoring.domain.SignalTypes;
import io.warmline.scoring.domain.WarmthModel;
import io.warmline.scoring.persistence.ModelVersion;
import io.warmline.scoring.service.Models;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The warmth model's versions, for operators: read them, publish a new one (validated whole, stored as the next
 * version and active at once, on every replica, without a restart), roll back to an older one, or try a proposal
 * on a sample lead first.
 */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
@RunsToCompletion
public class ModelResource {

    private static final String INVALID_MODEL = "invalid-model";
    private static final int MAX_SAMPLE_SIGNALS = 50;
    private final Models models;
    private final JsonBodies bodies;
    private final Clock clock;

    ModelResource(Models models, JsonBodies bodies, Clock clock) {
        this.models = models;
        this.bodies = bodies;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every model version, newest first, without their definitions")
    public Uni<List<ModelVersionView>> versions() {
        return models.activeVersion().chain(active -> models.all().map(rows -> rows.stream()
                .map(row -> ModelVersionView.of(row, active.version, null)).toList()));
    }

    @GET
    @Path("/active")
    @Operation(summary = "The model that scores now")
    public Uni<ModelVersionView> active() {
        return models.activeVersion().map(this::full);
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One model version, active or not")
    public Uni<ModelVersionView> version(@PathParam("version") int version) {
        return models.version(version).map(row -> found(row, version))
                .chain(row -> models.activeVersion().map(active -> ModelVersionView.of(row, active.version,
                        models.definition(row))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a model", description = "Validated whole: 422 names every invalid field and "
            + "nothing is stored. A sound model is stored as the next version and scores from now on.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ModelChange.class)))
    @APIResponse(responseCode = "201", description = "Stored as the next version and active; `Location` names it.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ModelVersionView.class)))
    public Uni<Response> publish(String body) {
        ModelChange change = bodies.read(body, ModelChange.class, INVALID_MODEL);
        List<FieldProblem> problems = new ArrayList<>();
        if (change.createdBy() == null || change.createdBy().isBlank() || change.createdBy().length() > 100) {
            problems.add(new FieldProblem("createdBy", "required: who makes this change, 1 to 100 characters"));
        }
        if (change.notes() != null && change.notes().length() > 2000) {
            problems.add(new FieldProblem("notes", "at most 2000 characters"));
        }
        problems.addAll(modelProblems(change.model()));
        refuseIfAny(problems);
        return models.publish(change.model(), change.createdBy().trim(), change.notes())
                .map(row -> Response.created(URI.create("/models/" + row.version)).entity(full(row)).build());
    }

    @POST
    @Path("/{version}/activate")
    @Operation(summary = "Make a stored version the active one again (a rollback)")
    public Uni<ModelVersionView> activate(@PathParam("version") int version) {
        return models.activate(version).map(row -> full(found(row, version)));
    }

    @POST
    @Path("/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score a sample lead under a proposed model and under the active one",
            description = "Nothing is stored. The sample's signals are aged as of now.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DryRun.class)))
    public Uni<DryRunResult> dryRun(String body) {
        DryRun request = bodies.read(body, DryRun.class, INVALID_MODEL);
        List<FieldProblem> problems = new ArrayList<>(modelProblems(request.model()));
        problems.addAll(sampleProblems(request.lead()));
        refuseIfAny(problems);
        Instant now = clock.instant();
        Evidence sample = new Evidence(request.lead().signals(),
                request.lead().notes() == null ? List.of() : List.of(request.lead().notes()), now);
        WarmthModel proposed = new WarmthModel(WarmthModel.UNSAVED, request.model());
        return models.activeVersion().map(active -> DryRunResult.of(models.model(active).score(sample, now),
                proposed.score(sample, now)));
    }

    private ModelVersionView full(ModelVersion row) {
        return ModelVersionView.of(row, row.version, models.definition(row));
    }

    private static List<FieldProblem> modelProblems(ModelDefinition model) {
        return ModelRules.check(model).stream()
                .map(problem -> new FieldProblem(problem.field().isEmpty() ? "model" : "model." + problem.field(),
                        problem.reason()))
                .toList();
    }

    private static List<FieldProblem> sampleProblems(DryRun.SampleLead lead) {
        if (lead == null || lead.signals() == null || lead.signals().isEmpty()
                || lead.signals().size() > MAX_SAMPLE_SIGNALS) {
            return List.of(new FieldProblem("lead.signals", "required: 1 to " + MAX_SAMPLE_SIGNALS
                    + " signals, each {\"type\", \"occurredAt\"}"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < lead.signals().size(); i++) {
            Signal signal = lead.signals().get(i);
            String field = "lead.signals[" + i + "]";
            if (signal == null || !SignalTypes.isKnown(signal.type())) {
                problems.add(new FieldProblem(field + ".type", "one of " + SignalTypes.KNOWN));
            }
            if (signal == null || signal.occurredAt() == null) {
                problems.add(new FieldProblem(field + ".occurredAt",
                        "required: an ISO-8601 time such as 2026-11-23T13:50:00Z"));
            }
        }
        return problems;
    }

    private static void refuseIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new Problem(422, INVALID_MODEL, "Unprocessable Content", problems.size()
                    + " field(s) are missing or invalid; nothing was stored; see errors", problems, null);
        }
    }

    private static ModelVersion found(ModelVersion row, int version) {
        if (row == null) {
            throw new Problem(404, "model-not-found", "Not Found", "there is no model version " + version
                    + "; GET /models lists them");
        }
        return row;
    }
}
