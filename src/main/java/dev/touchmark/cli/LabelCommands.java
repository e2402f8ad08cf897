package dev.touchmark.cli;

import dev.touchmark.batch.Batch;
import dev.touchmark.code.BatchCodes;
import dev.touchmark.label.BatchExporter;
import dev.touchmark.label.LabelCode;
import dev.touchmark.label.LabelController;
import dev.touchmark.label.LabelFormat;
import dev.touchmark.label.Paper;
import dev.touchmark.label.PngLabel;
import dev.touchmark.label.RenderPool;
import dev.touchmark.label.SheetLayout;
import dev.touchmark.label.SvgLabel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** touchmark batch label and batch export: labels of one code or of a whole batch. */
final class LabelCommands {
    private LabelCommands() {
    }

    @Command(mixinStandardHelpOptions = true, name = "label", description = "Write one code's label as png or svg.")
    static final class Label implements Callable<Integer> {
        @Mixin
        BrandOption brand;
        @Option(names = "--batch", required = true, description = "Batch id.")
        long batch;
        @Option(names = "--index", required = true, description = "Index of the code in the batch, from 0.")
        long index;
        @Option(names = "--format", required = true, description = "png or svg.")
        String format;
        @Option(names = "--out", required = true, description = "Output file.")
        Path out;
        @Option(names = "--scale", defaultValue = "8", description = "PNG pixels per QR module, 1 to 40 (default 8).")
        int scale;

        @Override
        public Integer call() throws IOException {
            String kind = format.toLowerCase(Locale.ROOT);
            if (!kind.equals("png") && !kind.equals("svg")) {
                throw new CliException("--format must be png or svg (for whole batches use 'batch export')");
            }
            if (scale < 1 || scale > 40) {
                throw new CliException("--scale must be between 1 and 40");
            }
            try (AdminContext admin = AdminContext.open()) {
                BatchCodes codes = admin.services().batches().codesForPrinting(admin.brand(brand).id(), batch);
                if (index < 0 || index >= codes.quantity()) {
                    throw new CliException("--index must be between 0 and " + (codes.quantity() - 1));
                }
                LabelCode code = LabelController.source(codes).code(index);
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out))) {
                    if (kind.equals("png")) {
                        PngLabel.write(code, scale, stream);
                    } else {
                        stream.write(SvgLabel.toSvg(code).getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new CliException("cannot write " + out + ": " + e.getMessage());
                }
                System.err.println("Wrote the label of " + code.serial() + " to " + out);
                return 0;
            }
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
                // A process of its own, with no verification to keep fast and no caps: every core renders.
                try (RenderPool pool = RenderPool.allCores()) {
                    write(new BatchExporter(LabelController.source(codes), pool), labelFormat, layout, n);
                }
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
