package dev.touchmark;

import dev.touchmark.access.ApiKeyRepository;
import dev.touchmark.access.ApiKeyService;
import dev.touchmark.access.PasswordHasher;
import dev.touchmark.access.SecretSealer;
import dev.touchmark.access.SessionService;
import dev.touchmark.access.TwoFactorRepository;
import dev.touchmark.access.TwoFactorService;
import dev.touchmark.access.UserRepository;
import dev.touchmark.access.UserService;
import dev.touchmark.alliance.AllianceReports;
import dev.touchmark.alliance.AllianceRepository;
import dev.touchmark.alliance.AllianceService;
import dev.touchmark.alliance.ReportInvolvement;
import dev.touchmark.alliance.SignalRepository;
import dev.touchmark.alliance.SharingRepository;
import dev.touchmark.alliance.SharingService;
import dev.touchmark.batch.BatchRepository;
import dev.touchmark.batch.BatchService;
import dev.touchmark.brand.BrandRepository;
import dev.touchmark.brand.BrandService;
import dev.touchmark.brand.BrandingRepository;
import dev.touchmark.brand.BrandingService;
import dev.touchmark.code.CodeVerifier;
import dev.touchmark.code.PublishedKey;
import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.db.ChangeCounter;
import dev.touchmark.db.ChangeWatcher;
import dev.touchmark.db.Database;
import dev.touchmark.installation.InstallationRepository;
import dev.touchmark.installation.InstallationService;
import dev.touchmark.keys.KeyService;
import dev.touchmark.keys.MasterKey;
import dev.touchmark.keys.SigningKeyRepository;
import dev.touchmark.label.QrSvg;
import dev.touchmark.periodic.PeriodicReportRepository;
import dev.touchmark.periodic.PeriodicReportService;
import dev.touchmark.periodic.ReportSettings;
import dev.touchmark.product.ProductRepository;
import dev.touchmark.product.ProductService;
import dev.touchmark.webhook.WebhookDeliveryRepository;
import dev.touchmark.webhook.WebhookEndpointRepository;
import dev.touchmark.webhook.WebhookOutbox;
import dev.touchmark.webhook.WebhookSecretVault;
import dev.touchmark.webhook.WebhookService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The services of Touchmark wired by hand over one database; shared by the server and the CLI. Owns the change
 * watcher's thread (close it before the database); the database is closed by whoever opened it.
 */
public record Services(Database database, MasterKey masterKey, ChangeWatcher changes, KeyService keys,
                       ApiKeyService apiKeys, BrandService brands, ProductService products, BatchService batches,
                       CodeVerifier<PublishedKey> verifier, WebhookOutbox webhookOutbox, WebhookService webhooks,
                       SessionService sessions, UserService users, TwoFactorService twoFactor,
                       AllianceService alliances, SharingService sharing, AllianceReports allianceReports,
                       PeriodicReportService periodicReports, InstallationService installation,
                       BrandingService branding)
        implements AutoCloseable {

    /**
     * Wires every service for a server, whose labels point at its configured public URL; checks that the master key
     * opens the stored keys; starts watching the change counter.
     */
    public static Services create(TouchmarkConfig config, Database database, Clock clock) {
        Optional<String> url = Optional.of(config.publicUrl());
        return create(config, database, clock, installation -> () -> url);
    }

    /**
     * Wires every service for an admin command: its labels point at the installation's public URL (the one its server
     * recorded), or at TOUCHMARK_PUBLIC_URL (configuredUrl) where none is recorded; with neither, nothing is printed.
     */
    public static Services forCommand(TouchmarkConfig config, Database database, Clock clock, Optional<String> configuredUrl) {
        return create(config, database, clock,
                installation -> () -> InstallationService.forCommand(configuredUrl, installation.publicUrl()));
    }

    private static Services create(TouchmarkConfig config, Database database, Clock clock,
                                   Function<InstallationService, Supplier<Optional<String>>> labelUrl) {
        SecureRandom random = new SecureRandom();
        DSLContext dsl = database.dsl();
        InstallationService installation = new InstallationService(new InstallationRepository(dsl), clock);
        MasterKey masterKey = MasterKey.load(config, random);
        ChangeWatcher changes = new ChangeWatcher(new ChangeCounter(dsl), clock);
        KeyService keys = new KeyService(dsl, new SigningKeyRepository(dsl), changes, masterKey, random, clock);
        keys.checkMasterKey();
        masterKey.saveIfNew();
        ApiKeyService apiKeys = new ApiKeyService(new ApiKeyRepository(dsl), random, clock);
        PasswordHasher passwords = new PasswordHasher(random);
        BrandService brands = new BrandService(dsl, new BrandRepository(dsl), apiKeys, keys, passwords, random, clock);
        UserRepository userRepository = new UserRepository(dsl);
        TwoFactorRepository twoFactorRepository = new TwoFactorRepository(dsl);
        TwoFactorService twoFactor = new TwoFactorService(twoFactorRepository, userRepository, passwords,
                sealer(masterKey), QrSvg::of, random, clock);
        ProductService products = new ProductService(new ProductRepository(dsl), clock);
        BatchService batches = new BatchService(dsl, new BatchRepository(dsl), products, keys, changes, labelUrl.apply(installation), clock);
        WebhookEndpointRepository webhookEndpoints = new WebhookEndpointRepository(dsl);
        WebhookDeliveryRepository webhookDeliveries = new WebhookDeliveryRepository(dsl);
        WebhookOutbox webhookOutbox = new WebhookOutbox(dsl, webhookEndpoints, webhookDeliveries, random, clock);
        WebhookService webhooks = new WebhookService(dsl, webhookEndpoints, webhookDeliveries, webhookOutbox,
                new WebhookSecretVault(masterKey), random, clock, config.webhooks().allowPrivateNetworks());
        AllianceRepository allianceRepository = new AllianceRepository(dsl);
        SharingRepository sharingRepository = new SharingRepository(dsl);
        SharingService sharing = new SharingService(allianceRepository, sharingRepository, clock);
        SignalRepository signals = new SignalRepository(dsl);
        Services services = new Services(database, masterKey, changes, keys, apiKeys, brands, products, batches,
                new CodeVerifier<>(keys::verificationKey), webhookOutbox, webhooks,
                new SessionService(userRepository, twoFactorRepository, twoFactor, passwords, random, clock),
                new UserService(userRepository, passwords, random, clock), twoFactor,
                new AllianceService(allianceRepository, sharing, clock), sharing,
                new AllianceReports(allianceRepository, sharingRepository, signals, clock),
                new PeriodicReportService(new PeriodicReportRepository(dsl), new ReportInvolvement(signals), webhookOutbox, clock,
                        ReportSettings.from(System.getenv()).lease()), installation,
                new BrandingService(dsl, new BrandingRepository(dsl), changes, clock));
        changes.start(ChangeWatcher.POLL_EVERY);
        return services;
    }

    /** TOTP secrets sealed like private keys: the master key's AES-256-GCM, bound to their context. */
    private static SecretSealer sealer(MasterKey masterKey) {
        return new SecretSealer() {
            @Override
            public byte[] seal(byte[] plaintext, String context) {
                return masterKey.encrypt(plaintext, context);
            }

            @Override
            public byte[] open(byte[] sealed, String context) {
                return masterKey.decrypt(sealed, context);
            }

            @Override
            public String toString() {
                return "SecretSealer[REDACTED]";
            }
        };
    }

    /** Stops watching the change counter; the database stays open. */
    @Override
    public void close() {
        changes.close();
    }
}
