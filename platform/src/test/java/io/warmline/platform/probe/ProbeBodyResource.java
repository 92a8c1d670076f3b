package io.warmline.platform.probe;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

/** A resource as the services write them: a JSON body read into a record, a typed path parameter. */
@Path("/probe/notes")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeBodyResource {

    public record Note(String text, int priority, Instant due) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Note add(Note note) {
        return note;
    }

    @GET
    @Path("/{id}")
    public Note get(@PathParam("id") UUID id) {
        return new Note(id.toString(), 1, null);
    }
}
