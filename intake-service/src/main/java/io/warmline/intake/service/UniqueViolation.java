package io.warmline.intake.service;

/** Recognises PostgreSQL's unique-constraint violation (SQLSTATE 23505) wherever it sits in a cause chain. */
final class UniqueViolation {

    private UniqueViolation() {
    }

    static boolean test(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && "23505".equals(violation.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
