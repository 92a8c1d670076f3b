package io.warmline.scoring.domain;

import io.warmline.platform.domain.FieldProblem;

import java.util.List;

/** A model definition that breaks the rules; {@code problems} names every invalid field at once. */
public class InvalidModel extends RuntimeException {

    public final List<FieldProblem> problems;

    public InvalidModel(List<FieldProblem> problems) {
        super(problems.size() + " problem(s), first: " + problems.get(0).field() + " " + problems.get(0).reason(),
                null, false, false);
        this.problems = List.copyOf(problems);
    }
}
