package dev.touchmark.cli;

import dev.touchmark.keys.SigningKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** touchmark key list|rotate|revoke. */
@Command(mixinStandardHelpOptions = true, name = "key", description = "List, rotate and revoke a brand's signing keys.",
        subcommands = {KeyCommand.ListKeys.class, KeyCommand.Rotate.class, KeyCommand.Revoke.class})
final class KeyCommand {

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List a brand's signing keys.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        BrandOption brand;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (SigningKey key : admin.services().keys().list(admin.brand(brand).id())) {
                    System.out.println(key.kid() + "\t" + key.status().id() + "\t" + key.createdAt());
                }
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "rotate", description = "Make a new active key; the current one is retired and keeps verifying.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        BrandOption brand;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                SigningKey key = admin.services().keys().rotate(admin.brand(brand).id());
                System.out.println("New active key " + key.kid());
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "revoke", description = "Revoke a key: every code it signed verifies as not genuine.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        BrandOption brand;
        @Option(names = "--kid", required = true, description = "Key id (JWKS kid).")
        String kid;
        @Option(names = "--reason", description = "Why, for the record.")
        String reason;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                SigningKey key = admin.services().keys().revoke(admin.brand(brand).id(), kid, reason);
                System.out.println("Revoked key " + key.kid());
                return 0;
            }
        }
    }
}
