package dev.touchmark.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.touchmark.Services;
import dev.touchmark.access.Principal;
import dev.touchmark.alert.DetectionRepository;
import dev.touchmark.alert.RuleBook;
import dev.touchmark.alert.RuleSettings;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.brand.BrandService;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.Database;
import dev.touchmark.product.NewProduct;
import dev.touchmark.testsupport.Eventually;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes over one database, each with its own change watcher and caches: a recall, a revocation or a rules change
 * made through one is served by the other once its watcher has read the change, and by the node that made it at once.
 * How stale a cache may get (a second) is tested on a simulated clock in {@code VersionedCacheTest}; here real time
 * only bounds how long a broken node keeps the test waiting. Run on H2 and PostgreSQL by subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrossNodeCachesContract {
    private Node a;
    private Node b;

    /** One server's view: its services (and so its change watcher), its verification catalog and its rule book. */
    record Node(Services services, VerificationCatalog catalog, RuleBook rules) {
        static Node over(TouchmarkConfig config, Database database) {
            Services services = Services.create(config, database, Clock.systemUTC());
            return new Node(services, new VerificationCatalog(new VerificationRepository(database.dsl()), services.changes()),
                    new RuleBook(new DetectionRepository(database.dsl()), services.changes(), Clock.systemUTC(),
                            RuleSettings.defaults(4)));
        }
    }

    protected abstract TouchmarkConfig config() throws Exception;

    /** The first node's database. */
    protected abstract Database openFirst(TouchmarkConfig config);

    /** The second node's database: its own pool where the database allows one. */
    protected abstract Database openSecond(TouchmarkConfig config, Database first);

    /** Closes what the two opens opened. */
    protected abstract void closeDatabases();

    @BeforeAll
    void start() throws Exception {
        TouchmarkConfig config = config();
        Database first = openFirst(config);
        a = Node.over(config, first);
        b = Node.over(config, openSecond(config, first));
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.services().close();
        }
        if (a != null) {
            a.services().close();
        }
        closeDatabases();
    }

    /** A brand with a released batch, made through a node. */
    record Fixture(BrandService.CreatedBrand brand, Principal principal, Batch batch) {
    }

    private static Fixture released(Node node) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = node.services().brands().create("Nodes " + suffix, "n-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = node.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = node.services().batches().create(principal,
                new NewBatch(product.id(), 50L, "L-1", LocalDate.of(2028, 11, 30), null, "compact"));
        batch = node.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new Fixture(created, principal, batch);
    }

    private static BatchStatus status(Node node, long batchId) {
        return node.catalog().batch(batchId).orElseThrow().status();
    }

    @Test
    void aRecallThroughOneNodeIsServedByTheOther() {
        Fixture f = released(a);
        long id = f.batch().id();
        assertEquals(BatchStatus.RELEASED, status(a, id));
        assertEquals(BatchStatus.RELEASED, status(b, id), "the other node has the released batch in memory");
        a.services().batches().changeStatus(f.principal(), id, BatchStatus.RECALLED, "contaminated");
        assertEquals(BatchStatus.RECALLED, status(a, id), "the node that recalled serves the recall at once");
        Eventually.await("the recall on the other node", () -> status(b, id) == BatchStatus.RECALLED);
    }

    @Test
    void aRevocationThroughOneNodeIsServedByTheOther() {
        Fixture f = released(a);
        String shortKid = f.brand().signingKey().shortKid();
        assertFalse(a.catalog().key(shortKid).orElseThrow().info().revoked());
        assertFalse(b.catalog().key(shortKid).orElseThrow().info().revoked());
        b.services().keys().revoke(f.brand().brand().id(), f.brand().signingKey().kid(), "leaked");
        assertTrue(b.catalog().key(shortKid).orElseThrow().info().revoked(), "the node that revoked serves it at once");
        Eventually.await("the revocation on the other node", () -> a.catalog().key(shortKid).orElseThrow().info().revoked());
    }

    @Test
    void aRulesChangeThroughOneNodeIsUsedByTheOther() {
        Fixture f = released(b);
        long brandId = f.brand().brand().id();
        assertEquals(4, a.rules().get(brandId).cloneDevices());
        assertEquals(4, b.rules().get(brandId).cloneDevices());
        b.rules().update(brandId, new RuleBook.Change(2, null, null, null, null, null, null, null, null, null, null, null), "test");
        assertEquals(2, b.rules().get(brandId).cloneDevices(), "the node that changed them uses them at once");
        Eventually.await("the new threshold on the other node", () -> a.rules().get(brandId).cloneDevices() == 2);
    }

    @Test
    void aBatchOneNodeHadAsUnknownIsFoundOnceReleasedThroughTheOther() {
        Fixture f = released(a);
        // A forged code names the id the next batch will get; the second node caches "no such batch".
        Batch draft = a.services().batches().create(f.principal(),
                new NewBatch(f.batch().productId(), 10L, "L-2", null, null, "compact"));
        long ahead = draft.id() + 1;
        assertTrue(b.catalog().batch(ahead).isEmpty());
        // Made without a bump (a draft serves nothing); its release bumps the counter.
        Batch made = a.services().batches().create(f.principal(),
                new NewBatch(f.batch().productId(), 10L, "L-3", null, null, "compact"));
        assertEquals(ahead, made.id(), "no other test makes batches meanwhile (the contract runs its tests in turn)");
        a.services().batches().changeStatus(f.principal(), made.id(), BatchStatus.RELEASED, null);
        Eventually.await("the new batch on the other node",
                () -> b.catalog().batch(ahead).map(x -> x.status() == BatchStatus.RELEASED).orElse(false));
    }
}
