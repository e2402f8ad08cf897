package dev.touchmark.installation;

import dev.touchmark.error.ConflictException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The installation's public URL: the address printed labels point at. The server records the URL it was started
 * with (TOUCHMARK_PUBLIC_URL); admin commands on the same database use it instead of guessing one.
 */
public final class InstallationService {
    static final String PUBLIC_URL = "public_url";
    /** What an operator is told when no process knows where labels should point. */
    public static final String NO_PUBLIC_URL = "no public URL is known for this installation, and labels printed for a"
            + " wrong address cannot be fixed: start 'touchmark serve' once with TOUCHMARK_PUBLIC_URL set to the address"
            + " shoppers' phones open (such as https://tm.example.com; the server records it in the database), or set"
            + " TOUCHMARK_PUBLIC_URL for this command";
    private final InstallationRepository repository;
    private final Clock clock;

    public InstallationService(InstallationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The installation's public URL, if a server recorded one. */
    public Optional<String> publicUrl() {
        return repository.find(PUBLIC_URL);
    }

    /**
     * Records the URL a server was started with as the installation's; answers the URL recorded before when it was
     * another (batches minted before keep that one on their labels).
     */
    public Optional<String> recordPublicUrl(String url) {
        Optional<String> before = publicUrl();
        if (before.isPresent() && before.get().equals(url)) {
            return Optional.empty();
        }
        repository.put(PUBLIC_URL, url, OffsetDateTime.now(clock));
        return before;
    }

    /**
     * The public URL an admin command mints labels for: the installation's; TOUCHMARK_PUBLIC_URL only where none is
     * recorded, or when it says the same. Refuses when the two disagree, and answers nothing when neither is known
     * (the command then refuses to print rather than guess).
     */
    public static Optional<String> forCommand(Optional<String> configured, Optional<String> recorded) {
        if (configured.isPresent() && recorded.isPresent() && !configured.get().equals(recorded.get())) {
            throw new ConflictException("TOUCHMARK_PUBLIC_URL is " + configured.get() + " but this installation's labels"
                    + " point at " + recorded.get() + " (the address its server was last started with). Unset"
                    + " TOUCHMARK_PUBLIC_URL to print for " + recorded.get() + "; to move to " + configured.get()
                    + ", restart the server with TOUCHMARK_PUBLIC_URL=" + configured.get()
                    + " (batches minted before keep their address; see docs/operations.md)");
        }
        return recorded.isPresent() ? recorded : configured;
    }
}
