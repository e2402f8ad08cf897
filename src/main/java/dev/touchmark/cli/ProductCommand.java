package dev.touchmark.cli;

import dev.touchmark.product.NewProduct;
import dev.touchmark.product.Product;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** touchmark product create|list. */
@Command(mixinStandardHelpOptions = true, name = "product", description = "Create and list a brand's products.",
        subcommands = {ProductCommand.Create.class, ProductCommand.ListProducts.class})
final class ProductCommand {

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create a product.")
    static final class Create implements Callable<Integer> {
        @Mixin
        BrandOption brand;
        @Option(names = "--name", required = true, description = "Product name.")
        String name;
        @Option(names = "--gtin", description = "GTIN-8/12/13/14 with a valid check digit.")
        String gtin;
        @Option(names = "--description", description = "Description shown to shoppers.")
        String description;
        @Option(names = "--image-url", description = "http(s) URL of a product image.")
        String imageUrl;
        @Option(names = "--markets", split = ",", description = "Intended markets, ISO 3166 codes, e.g. FR,DE.")
        List<String> markets;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                Product product = admin.services().products().create(admin.principal(brand),
                        new NewProduct(name, gtin, description, imageUrl, markets));
                System.out.println("Created product " + product.id() + " \"" + product.name() + "\"");
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List a brand's products (newest first, up to 500).")
    static final class ListProducts implements Callable<Integer> {
        @Mixin
        BrandOption brand;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (Product p : admin.services().products().list(admin.brand(brand).id(), 500, null)) {
                    System.out.println(p.id() + "\t" + p.name() + "\t" + (p.gtin() == null ? "-" : p.gtin())
                            + "\t" + String.join(",", p.markets()));
                }
                return 0;
            }
        }
    }
}
