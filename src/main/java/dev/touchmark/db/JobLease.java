package dev.touchmark.db;

import static dev.touchmark.db.jooq.Tables.JOB_LEASE;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/**
 * A background job that must run on one node at a time (of however many share the database) takes its row until a
 * time: one conditional update, so of several nodes asking at once exactly one gets it, and a dead node's lease simply
 * runs out.
 */
public final class JobLease {
    private final DSLContext dsl;
    private final String name;

    /** name: a row of job_lease, created by the job's migration. */
    public JobLease(DSLContext dsl, String name) {
        this.dsl = dsl;
        this.name = name;
    }

    /** Takes the lease for holder until a time if nobody holds it now; true when taken. */
    public boolean claim(String holder, OffsetDateTime now, OffsetDateTime until) {
        return dsl.update(JOB_LEASE).set(JOB_LEASE.HOLDER, holder).set(JOB_LEASE.LEASE_UNTIL, until)
                .where(JOB_LEASE.NAME.eq(name).and(JOB_LEASE.LEASE_UNTIL.le(now))).execute() == 1;
    }
}
