package io.warmline.intake.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Whose data an erasure request names, normalised as intake normalised the leads when they arrived. */
class ErasureTargetTest {

    @Test
    void aLeadIdAnEmailOrAPhone() {
        UUID id = UUID.randomUUID();
        assertEquals(new ErasureTarget(ErasureTarget.Kind.LEAD, id, null),
                ErasureTarget.read(" " + id + " ", null, null, null).target());
        assertEquals(new ErasureTarget(ErasureTarget.Kind.EMAIL, null, "sam@example.com"),
                ErasureTarget.read(null, " Sam@Example.COM ", "", null).target());
        assertEquals(new ErasureTarget(ErasureTarget.Kind.PHONE, null, "+447911123456"),
                ErasureTarget.read(null, null, "+44 7911 123456", null).target());
        assertEquals(new ErasureTarget(ErasureTarget.Kind.PHONE, null, "+447911123456"),
                ErasureTarget.read(null, null, "07911 123456", "gb").target(), "national, read in its region");
    }

    @Test
    void exactlyOneValidTargetOrTheFieldThatIsWrong() {
        assertRefused("leadId", ErasureTarget.read(null, null, null, null));
        assertRefused("leadId", ErasureTarget.read(UUID.randomUUID().toString(), "sam@example.com", null, null));
        assertRefused("leadId", ErasureTarget.read("L-1001", null, null, null));
        assertRefused("email", ErasureTarget.read(null, "sam at example.com", null, null));
        assertRefused("phone", ErasureTarget.read(null, null, "07911 123456", null));
        assertRefused("phone", ErasureTarget.read(null, null, "+44 12", null));
        assertRefused("region", ErasureTarget.read(null, null, "07911 123456", "Britain"));
    }

    private static void assertRefused(String field, ErasureTarget.Read read) {
        assertNull(read.target());
        assertEquals(field, read.problems().get(0).field());
    }
}
