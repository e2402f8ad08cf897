package dev.touchmark.webhook;

import dev.touchmark.config.TouchmarkConfig;
import dev.touchmark.testsupport.TestDatabases;
import java.nio.file.Files;

/** The webhook contract on embedded H2. */
class H2WebhookIT extends WebhookContract {
    @Override
    protected TouchmarkConfig config() throws Exception {
        return TestDatabases.h2(Files.createTempDirectory("touchmark-hooks-h2-"));
    }
}
