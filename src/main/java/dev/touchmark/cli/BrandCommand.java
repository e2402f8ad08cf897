package dev.touchmark.cli;

import dev.touchmark.brand.Brand;
import dev.touchmark.brand.BrandService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** touchmark brand create|list. */
@Command(mixinStandardHelpOptions = true, name = "brand", description = "Create and list brands.", subcommands = {BrandCommand.Create.class, BrandCommand.ListBrands.class})
final class BrandCommand {

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create a brand with an admin user, an API key and a signing key.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "Brand name, unique in this installation.")
        String name;
        @Option(names = "--admin-email", required = true, description = "Email of the brand's first admin.")
        String adminEmail;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                BrandService.CreatedBrand created = admin.services().brands().create(name, adminEmail);
                System.out.println("Created brand " + created.brand().id() + " \"" + created.brand().name() + "\"");
                System.out.println("  API key (shown once, keep it secret): " + created.apiKey());
                System.out.println("  Dashboard admin: " + created.adminEmail());
                System.out.println("  One-time admin password (change it at first sign-in): " + created.adminPassword());
                System.out.println("  Signing key id: " + created.signingKey().kid());
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List brands.")
    static final class ListBrands implements Callable<Integer> {
        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (Brand brand : admin.services().brands().list()) {
                    System.out.println(brand.id() + "\t" + brand.name() + "\t" + brand.createdAt());
                }
                return 0;
            }
        }
    }
}
