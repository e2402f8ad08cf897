package dev.touchmark.cli;

import picocli.CommandLine.Option;

/** The --brand option shared by the brand-scoped commands. */
final class BrandOption {
    @Option(names = "--brand", required = true, description = "Brand id or exact name.")
    String idOrName;
}
