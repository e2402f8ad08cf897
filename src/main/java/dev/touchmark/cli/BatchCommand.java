package dev.touchmark.cli;

import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.domain.BatchStatus;
import dev.touchmark.batch.NewBatch;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** touchmark batch create|list|release|recall|void|export. */
@Command(mixinStandardHelpOptions = true, name = "batch", description = "Create batches, change their status and export their labels.",
        subcommands = {BatchCommand.Create.class, BatchCommand.ListBatches.class, BatchCommand.Release.class,
            BatchCommand.Recall.class, BatchCommand.Void.class, LabelCommands.Export.class, LabelCommands.Label.class})
final class BatchCommand {

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create a draft batch signed by the brand's active key.")
    static final class Create implements Callable<Integer> {
        @Mixin
        BrandOption brand;
        @Option(names = "--product", required = true, description = "Product id.")
        long product;
        @Option(names = "--quantity", required = true, description = "Number of codes, 1 to 100000000.")
        long quantity;
        @Option(names = "--lot", description = "Lot number: 1 to 20 letters, digits or '-'.")
        String lot;
        @Option(names = "--expiry", description = "Expiry date, YYYY-MM-DD.")
        LocalDate expiry;
        @Option(names = "--markets", split = ",", description = "Markets (ISO 3166 codes); default: the product's.")
        List<String> markets;
        @Option(names = "--profile", defaultValue = "compact", description = "compact (default) or gs1.")
        String profile;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                Batch batch = admin.services().batches().create(admin.principal(brand),
                        new NewBatch(product, quantity, lot, expiry, markets, profile));
                System.out.println("Created draft batch " + batch.id() + " of " + batch.quantity() + " codes");
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List a brand's batches (newest first, up to 500).")
    static final class ListBatches implements Callable<Integer> {
        @Mixin
        BrandOption brand;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (Batch b : admin.services().batches().list(admin.brand(brand).id(), null, 500, null)) {
                    System.out.println(b.id() + "\tproduct " + b.productId() + "\t" + b.quantity() + " codes\t"
                            + b.status().id() + "\t" + b.profile().id() + "\t" + (b.lot() == null ? "-" : b.lot()));
                }
                return 0;
            }
        }
    }

    /** Shared options of the status commands. */
    abstract static class StatusChange implements Callable<Integer> {
        @Mixin
        BrandOption brand;
        @Option(names = "--batch", required = true, description = "Batch id.")
        long batch;
        @Option(names = "--reason", description = "Why, for the record.")
        String reason;

        abstract BatchStatus target();

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                Principal principal = admin.principal(brand);
                Batch changed = admin.services().batches().changeStatus(principal, batch, target(), reason);
                System.out.println("Batch " + changed.id() + " is " + changed.status().id());
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "release", description = "Release a draft batch: its codes verify as genuine.")
    static final class Release extends StatusChange {
        @Override
        BatchStatus target() {
            return BatchStatus.RELEASED;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "recall", description = "Recall a released batch: shoppers are told it is recalled.")
    static final class Recall extends StatusChange {
        @Override
        BatchStatus target() {
            return BatchStatus.RECALLED;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "void", description = "Void a draft or released batch: its codes must not be used.")
    static final class Void extends StatusChange {
        @Override
        BatchStatus target() {
            return BatchStatus.VOIDED;
        }
    }

}
