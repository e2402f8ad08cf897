package dev.touchmark.cli;

import dev.touchmark.access.Principal;
import dev.touchmark.batch.Batch;
import dev.touchmark.batch.BatchStatus;
import dev.touchmark.batch.NewBatch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.label.BatchExporter;
import dev.touchmark.label.LabelController;
import dev.touchmark.label.LabelFormat;
import dev.touchmark.label.Paper;
import dev.touchmark.label.SheetLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** touchmark batch create|list|release|recall|void|export. */
@Command(mixinStandardHelpOptions = true, name = "batch", description = "Create batches, change their status and export their labels.",
        subcommands = {BatchCommand.Create.class, BatchCommand.ListBatches.class, BatchCommand.Release.class,
            BatchCommand.Recall.class, BatchCommand.Void.class, BatchCommand.Export.class})
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

    @Command(mixinStandardHelpOptions = true, name = "export", description = "Write a batch's labels as csv, pdf, zip (of SVGs) or zpl.")
    static final class Export implements Callable<Integer> {
        @Mixin
        BrandOption brand;
        @Option(names = "--batch", required = true, description = "Batch id.")
        long batch;
        @Option(names = "--format", required = true, description = "csv, pdf, zip or zpl.")
        String format;
        @Option(names = "--out", required = true, description = "Output file, or - for standard output.")
        String out;
        @Option(names = "--from", defaultValue = "0", description = "First index (default 0).")
        long from;
        @Option(names = "--count", description = "Number of codes (default: to the end of the batch).")
        Long count;
        @Option(names = "--paper", defaultValue = "A4", description = "PDF paper: A4 or LETTER.")
        String paper;
        @Option(names = "--columns", description = "PDF labels across.")
        Integer columns;
        @Option(names = "--rows", description = "PDF labels down.")
        Integer rows;
        @Option(names = "--label-width-mm", description = "PDF label width.")
        Double labelWidthMm;
        @Option(names = "--label-height-mm", description = "PDF label height.")
        Double labelHeightMm;
        @Option(names = "--margin-top-mm", description = "PDF top margin.")
        Double marginTopMm;
        @Option(names = "--margin-left-mm", description = "PDF left margin.")
        Double marginLeftMm;

        @Override
        public Integer call() throws IOException {
            LabelFormat labelFormat = parseFormat();
            SheetLayout layout = layout();
            try (AdminContext admin = AdminContext.open()) {
                BatchCodes codes = admin.services().batches().codesForPrinting(admin.brand(brand).id(), batch);
                if (from < 0 || from >= codes.quantity()) {
                    throw new CliException("--from must be between 0 and " + (codes.quantity() - 1));
                }
                long n = count == null ? codes.quantity() - from : count;
                if (n < 1 || from + n > codes.quantity()) {
                    throw new CliException("--count must be between 1 and " + (codes.quantity() - from));
                }
                if (n > BatchExporter.maxCodes(labelFormat)) {
                    throw new CliException("one " + labelFormat.fileExtension() + " file holds at most "
                            + BatchExporter.maxCodes(labelFormat) + " labels: use --from and --count to export in parts, "
                            + "or --format csv or zpl, which have no limit");
                }
                write(new BatchExporter(LabelController.source(codes)), labelFormat, layout, n);
                return 0;
            }
        }

        private void write(BatchExporter exporter, LabelFormat labelFormat, SheetLayout layout, long n) throws IOException {
            boolean toStdout = "-".equals(out);
            Path path = toStdout ? null : Path.of(out);
            try (OutputStream stream = toStdout ? System.out : new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
                if (labelFormat == LabelFormat.PDF) {
                    exporter.writePdf(from, n, layout, stream);
                } else {
                    exporter.write(labelFormat, from, n, stream);
                }
            } catch (IOException e) {
                deletePartial(path);
                throw new CliException("cannot write " + out + ": " + e.getMessage());
            } catch (RuntimeException e) {
                deletePartial(path);
                throw e;
            }
            if (!toStdout) {
                System.err.println("Wrote " + n + " labels as " + labelFormat.fileExtension() + " to " + path);
            }
        }

        private static void deletePartial(Path path) throws IOException {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        }

        private LabelFormat parseFormat() {
            try {
                return LabelFormat.parse(format.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliException("--format must be one of csv, pdf, zip, zpl");
            }
        }

        private SheetLayout layout() {
            Paper p;
            try {
                p = Paper.valueOf(paper.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliException("--paper must be A4 or LETTER");
            }
            SheetLayout d = SheetLayout.defaults(p);
            SheetLayout layout = new SheetLayout(p, or(labelWidthMm, d.labelWidthMm()), or(labelHeightMm, d.labelHeightMm()),
                    columns == null ? d.columns() : columns, rows == null ? d.rows() : rows,
                    or(marginTopMm, d.marginTopMm()), or(marginLeftMm, d.marginLeftMm()), d.columnGapMm(), d.rowGapMm());
            try {
                return layout.validate();
            } catch (IllegalArgumentException e) {
                throw new CliException("label sheet: " + e.getMessage());
            }
        }

        private static double or(Double value, double fallback) {
            return value == null ? fallback : value;
        }
    }
}
