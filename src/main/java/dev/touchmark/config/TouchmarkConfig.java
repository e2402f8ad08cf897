package dev.touchmark.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Typed configuration of one Touchmark process. Secrets (database password, master key) are held
 * here only as references or values that never print: toString redacts them.
 */
public record TouchmarkConfig(
        int port,
        String host,
        String publicUrl,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> masterKeyBase64,
        Path masterKeyFile,
        ScanSettings scans,
        WebhookSettings webhooks,
        ExportSettings exports,
        MailSettings mail) {

    /** A config with the default export limits. */
    public TouchmarkConfig(int port, String host, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                           String dbPassword, Optional<String> masterKeyBase64, Path masterKeyFile, ScanSettings scans,
                           WebhookSettings webhooks) {
        this(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, webhooks,
                ExportSettings.defaults(), MailSettings.off());
    }

    /** A config with mail off. */
    public TouchmarkConfig(int port, String host, String publicUrl, Path dataDir, String dbUrl, String dbUser,
                           String dbPassword, Optional<String> masterKeyBase64, Path masterKeyFile, ScanSettings scans,
                           WebhookSettings webhooks, ExportSettings exports) {
        this(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, webhooks,
                exports, MailSettings.off());
    }

    /** True when the database is PostgreSQL rather than embedded H2. */
    public boolean isPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    /** A copy pointing at another database (tests and admin commands). */
    public TouchmarkConfig withDbUrl(String url, String user, String password) {
        return new TouchmarkConfig(port, host, publicUrl, dataDir, url, user, password, masterKeyBase64, masterKeyFile, scans, webhooks, exports, mail);
    }

    /** A copy listening on another port (0 picks a free one). */
    public TouchmarkConfig withPort(int newPort) {
        return new TouchmarkConfig(newPort, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, webhooks, exports, mail);
    }

    /** A copy with another public URL. */
    public TouchmarkConfig withPublicUrl(String url) {
        return new TouchmarkConfig(port, host, url, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, webhooks, exports, mail);
    }

    /** A copy with other scan settings. */
    public TouchmarkConfig withScans(ScanSettings settings) {
        return new TouchmarkConfig(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, settings, webhooks, exports, mail);
    }

    /** A copy with other webhook settings. */
    public TouchmarkConfig withWebhooks(WebhookSettings settings) {
        return new TouchmarkConfig(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, settings, exports, mail);
    }

    /** A copy with other export limits. */
    public TouchmarkConfig withExports(ExportSettings settings) {
        return new TouchmarkConfig(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, webhooks, settings, mail);
    }

    /** A copy with other mail settings. */
    public TouchmarkConfig withMail(MailSettings settings) {
        return new TouchmarkConfig(port, host, publicUrl, dataDir, dbUrl, dbUser, dbPassword, masterKeyBase64, masterKeyFile, scans, webhooks, exports, settings);
    }

    @Override
    public String toString() {
        return "TouchmarkConfig[port=" + port + ", host=" + host + ", publicUrl=" + publicUrl + ", dataDir=" + dataDir
                + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser + ", dbPassword=[REDACTED], masterKey="
                + (masterKeyBase64.isPresent() ? "[REDACTED]" : "file " + masterKeyFile) + ", scans=" + scans + ", webhooks=" + webhooks + ", exports=" + exports + ", mail=" + mail + "]";
    }
}
