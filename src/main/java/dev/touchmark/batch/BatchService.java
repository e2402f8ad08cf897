package dev.touchmark.batch;

import dev.touchmark.domain.BatchStatus;
import dev.touchmark.access.Principal;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.CodeFormat;
import dev.touchmark.code.CodeProfile;
import dev.touchmark.code.CodeSigner;
import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.error.ConflictException;
import dev.touchmark.error.NotFoundException;
import dev.touchmark.error.Validator;
import dev.touchmark.installation.InstallationService;
import dev.touchmark.keys.KeyService;
import dev.touchmark.keys.SigningKey;
import dev.touchmark.product.Markets;
import dev.touchmark.product.Product;
import dev.touchmark.product.ProductService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/** Creates batches, moves them through their life, and derives their codes. */
public final class BatchService {
    /** Largest batch: ten times the ten million the brief asks for, far inside the 32-bit index. */
    public static final long MAX_QUANTITY = 100_000_000L;
    private static final Pattern LOT = Pattern.compile("^[A-Za-z0-9-]{1,20}$");
    private final DSLContext dsl;
    private final BatchRepository repository;
    private final ProductService products;
    private final KeyService keys;
    private final ChangeWatcher changes;
    private final Supplier<Optional<String>> publicUrl;
    private final Clock clock;

    /**
     * publicUrl answers the address new labels point at: the server's TOUCHMARK_PUBLIC_URL, or for an admin command
     * the installation's; empty when none is known, and then nothing is printed.
     */
    public BatchService(DSLContext dsl, BatchRepository repository, ProductService products, KeyService keys,
                        ChangeWatcher changes, Supplier<Optional<String>> publicUrl, Clock clock) {
        this.dsl = dsl;
        this.repository = repository;
        this.products = products;
        this.keys = keys;
        this.changes = changes;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Validates and stores a draft batch signed by the brand's active key. */
    public Batch create(Principal principal, NewBatch request) {
        Validator validator = new Validator();
        validator.check(request.productId() != null, "productId", "is required");
        validator.check(request.quantity() != null && request.quantity() >= 1 && request.quantity() <= MAX_QUANTITY,
                "quantity", "must be a whole number from 1 to " + MAX_QUANTITY);
        String lot = request.lot() == null || request.lot().isBlank() ? null : request.lot().strip();
        validator.check(lot == null || LOT.matcher(lot).matches(), "lot", "must be 1 to 20 letters, digits or '-'");
        validator.check(request.expiry() == null || request.expiry().getYear() >= 2000 && request.expiry().getYear() <= 2099,
                "expiry", "must be a date between 2000-01-01 and 2099-12-31");
        CodeProfile profile = CodeProfile.COMPACT;
        if (request.profile() != null) {
            try {
                profile = CodeProfile.parse(request.profile());
            } catch (IllegalArgumentException e) {
                validator.fail("profile", "must be compact or gs1");
            }
        }
        List<String> markets = Markets.normalize(request.markets(), "markets", validator);
        validator.throwIfInvalid();
        Product product = products.get(principal.brandId(), request.productId());
        if (profile == CodeProfile.GS1 && product.gtin() == null) {
            new Validator().fail("profile", "gs1 needs a product with a GTIN; this product has none").throwIfInvalid();
        }
        List<String> effectiveMarkets = request.markets() == null ? product.markets() : markets;
        CodeProfile chosen = profile;
        String url = publicUrl.get().orElse(null);
        return dsl.transactionResult(() -> {
            SigningKey key = keys.active(principal.brandId());
            long id = repository.insert(principal.brandId(), product.id(), key.id(), chosen, request.quantity(), lot,
                    request.expiry(), effectiveMarkets, url, principal.actor(), OffsetDateTime.now(clock));
            if (id > CodeFormat.MAX_U32) {
                throw new IllegalStateException("batch ids beyond 2^32 do not fit code format v1");
            }
            return get(principal.brandId(), id);
        });
    }

    /** A batch of the brand, or NotFoundException. */
    public Batch get(long brandId, long id) {
        return repository.find(brandId, id).orElseThrow(() -> new NotFoundException("no batch with id " + id));
    }

    /** A page of the brand's batches. */
    public List<Batch> list(long brandId, Long productId, int limit, Long beforeId) {
        return repository.list(brandId, productId, limit, beforeId == null ? Long.MAX_VALUE : beforeId);
    }

    /** The status history of a batch of the brand. */
    public List<BatchEvent> history(long brandId, long id) {
        get(brandId, id);
        return repository.history(id);
    }

    /** Moves a batch to a new status if its life allows it; ConflictException otherwise. */
    public Batch changeStatus(Principal principal, long id, BatchStatus to, String reason) {
        new Validator().check(reason == null || reason.length() <= 1000, "reason", "must be at most 1000 characters")
                .throwIfInvalid();
        Batch changed = dsl.transactionResult(() -> {
            Batch batch = repository.findForUpdate(principal.brandId(), id)
                    .orElseThrow(() -> new NotFoundException("no batch with id " + id));
            if (batch.status() == to) {
                return batch;
            }
            if (!batch.status().next().contains(to)) {
                throw new ConflictException("a " + batch.status().id() + " batch cannot become " + to.id()
                        + (batch.status().next().isEmpty() ? " (" + batch.status().id() + " is final)" : ""));
            }
            repository.changeStatus(batch, to, principal.actor(), reason, OffsetDateTime.now(clock));
            changes.bump();
            return get(principal.brandId(), id);
        });
        changes.catchUp(); // this node serves the new status from its next answer on
        return changed;
    }

    /** The codes of a batch, for labels. Refuses voided batches and batches whose key was revoked. */
    public BatchCodes codesForPrinting(long brandId, long id) {
        Batch batch = get(brandId, id);
        if (batch.status() == BatchStatus.VOIDED) {
            throw new ConflictException("batch " + id + " is voided: its codes must not be printed");
        }
        return codes(batch);
    }

    /**
     * The codes of a batch, whatever its status, for the public URL recorded with the batch. A batch without one (created
     * before the installation knew its URL) records the current URL now; with none known, ConflictException.
     */
    public BatchCodes codes(Batch batch) {
        String url = batch.publicUrl() != null ? batch.publicUrl()
                : repository.recordPublicUrl(batch.brandId(), batch.id(),
                        publicUrl.get().orElseThrow(() -> new ConflictException(InstallationService.NO_PUBLIC_URL)));
        Product product = products.get(batch.brandId(), batch.productId());
        CodeSigner signer;
        try {
            signer = keys.signer(batch.brandId(), batch.signingKeyId());
        } catch (KeyService.RevokedKeyException e) {
            throw new ConflictException("the key that signed batch " + batch.id() + " is revoked: its codes no longer verify");
        }
        return new BatchCodes(signer, batch.id(), batch.quantity(), batch.profile(), url, product.gtin(),
                batch.lot(), batch.expiry());
    }
}
