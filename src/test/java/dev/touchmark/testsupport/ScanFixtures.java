package dev.touchmark.testsupport;

import dev.touchmark.App;
import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.label.LabelCode;
import dev.touchmark.label.PngLabel;
import dev.touchmark.product.NewProduct;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Real codes for scanner tests: a fresh brand with a released batch, and PNG labels of any text. */
public final class ScanFixtures {
    private ScanFixtures() {
    }

    /** A released batch of a new brand: the brand, the batch and its codes. */
    public record Released(long brandId, long batchId, BatchCodes codes) {
    }

    /** The codes of a released batch of 20 in the given profile ("compact" or "gs1") of a new brand. */
    public static BatchCodes releasedCodes(App app, String profile) {
        return released(app, profile).codes();
    }

    /** A released batch of 20 in the given profile ("compact" or "gs1") of a new brand, with the brand's id. */
    public static Released released(App app, String profile) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var created = app.services().brands().create("Scan " + suffix, "s-" + suffix + "@brand.example");
        Principal principal = new Principal(created.brand().id(), "test");
        var product = app.services().products().create(principal,
                new NewProduct("Serum", "4006381333931", "A serum.", null, List.of("FR")));
        Batch batch = app.services().batches().create(principal,
                new NewBatch(product.id(), 20L, "L-1", LocalDate.of(2030, 11, 30), null, profile));
        batch = app.services().batches().changeStatus(principal, batch.id(), BatchStatus.RELEASED, null);
        return new Released(created.brand().id(), batch.id(), app.services().batches().codes(batch));
    }

    /** A PNG label (QR with its quiet zone, and a serial under it) of any text, as Touchmark prints them. */
    public static byte[] label(String text, int pixelsPerModule) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PngLabel.write(new LabelCode(0, "TEST-LABEL", text), pixelsPerModule, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
