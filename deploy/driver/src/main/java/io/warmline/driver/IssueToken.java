package io.warmline.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local stack's token issuer, run by deploy/local/token.sh:
 * {@code IssueToken KEY_PEM rep|team-lead|operator SUBJECT [TEAM] [HOURS]} prints one signed bearer token.
 * Exit status 2 for a wrong argument (with the reason on stderr), 1 when the key cannot be read.
 */
public final class IssueToken {

    private IssueToken() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 5) {
            fail(2, "usage: IssueToken KEY_PEM rep|team-lead|operator SUBJECT [TEAM] [HOURS]");
        }
        Path key = Path.of(args[0]);
        String team = args.length > 3 ? args[3] : "";
        long hours = 12;
        if (args.length > 4) {
            if (!args[4].matches("[0-9]{1,4}")) {
                fail(2, "HOURS must be a whole number");
            }
            hours = Long.parseLong(args[4]);
        }
        if (!Tokens.ROLES.contains(args[1])) {
            fail(2, "role must be rep, team-lead or operator");
        }
        if (!Files.isReadable(key)) {
            fail(1, "no signing key at " + key + ": start the stack first (deploy/run.sh)");
        }
        System.out.println(new Tokens(key).issue(args[1], args[2], team, Duration.ofHours(hours)));
    }

    private static void fail(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }
}
