package io.warmline.platform.probe;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A path under {@link ProbeBodyResource}'s prefix served by another class, with one method only. */
@Path("/probe/notes/{id}/tags")
public class ProbeNoteTagsResource {

    @POST
    public String tag(@PathParam("id") String id) {
        return id;
    }
}
