package dev.touchmark.cli;

import dev.touchmark.alliance.Alliance;
import dev.touchmark.alliance.AllianceReports;
import dev.touchmark.alliance.AllianceService;
import dev.touchmark.alliance.Membership;
import dev.touchmark.brand.Brand;
import dev.touchmark.error.NotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** touchmark alliance create|invite|list|members|remove|events|report: the operator's side of alliances of brands. */
@Command(mixinStandardHelpOptions = true, name = "alliance", description = "Create alliances of brands and manage who belongs.",
        subcommands = {AllianceCommand.Create.class, AllianceCommand.Invite.class, AllianceCommand.ListAlliances.class,
            AllianceCommand.Members.class, AllianceCommand.Remove.class, AllianceCommand.Events.class,
            AllianceCommand.Report.class})
final class AllianceCommand {
    private AllianceCommand() {
    }

    /** The --alliance option: an id or an exact name. */
    static final class AllianceOption {
        @Option(names = "--alliance", required = true, description = "Alliance id or exact name.")
        String idOrName;
    }

    static Alliance alliance(AdminContext admin, AllianceOption option) {
        AllianceService alliances = admin.services().alliances();
        try {
            return option.idOrName.matches("\\d{1,18}") ? alliances.get(Long.parseLong(option.idOrName))
                    : alliances.getByName(option.idOrName);
        } catch (NotFoundException e) {
            throw new CliException("no alliance with id or name '" + option.idOrName + "'; see touchmark alliance list");
        }
    }

    static Brand brand(AdminContext admin, BrandOption option) {
        try {
            return admin.brand(option);
        } catch (NotFoundException e) {
            throw new CliException("no brand with id or name '" + option.idOrName + "'; see touchmark brand list");
        }
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(mixinStandardHelpOptions = true, name = "create", description = "Create an alliance.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "Alliance name, unique in this installation.")
        String name;
        @Option(names = "--max-members", defaultValue = "" + AllianceService.DEFAULT_MAX_MEMBERS,
                description = "Most brands that may be members at once (2 to 500; default ${DEFAULT-VALUE}).")
        int maxMembers;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                Alliance alliance = admin.services().alliances().create(name, maxMembers, actor());
                System.out.println("Created alliance " + alliance.id() + " \"" + alliance.name() + "\" (at most "
                        + alliance.maxMembers() + " members)");
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "invite",
            description = "Invite a brand; its admin accepts or declines in the dashboard within 14 days.")
    static final class Invite implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AllianceOption alliance;
        @picocli.CommandLine.Mixin
        BrandOption brand;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                Alliance target = alliance(admin, alliance);
                Membership invited = admin.services().alliances().invite(target.id(), brand(admin, brand).id(), actor());
                System.out.println("Invited brand " + invited.brandId() + " \"" + invited.brandName() + "\" to alliance "
                        + target.id() + " \"" + target.name() + "\"; the invitation is open until " + invited.expiresAt());
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List alliances: id, name, members, limit, created.")
    static final class ListAlliances implements Callable<Integer> {
        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (Alliance alliance : admin.services().alliances().list()) {
                    System.out.println(alliance.id() + "\t" + alliance.name() + "\t" + alliance.members() + "/"
                            + alliance.maxMembers() + "\t" + alliance.createdAt() + "\t" + alliance.createdBy());
                }
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "members",
            description = "List an alliance's brands: id, name, state, invited, expires, responded.")
    static final class Members implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AllianceOption alliance;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (Membership m : admin.services().alliances().members(alliance(admin, alliance).id())) {
                    System.out.println(m.brandId() + "\t" + m.brandName() + "\t" + m.state().value() + "\t" + m.invitedAt()
                            + "\t" + m.expiresAt() + "\t" + (m.respondedAt() == null ? "-" : m.respondedAt()));
                }
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "events",
            description = "An alliance's record, oldest first: when, event, brand id, detail, who.")
    static final class Events implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AllianceOption alliance;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                for (var e : admin.services().alliances().events(alliance(admin, alliance).id())) {
                    System.out.println(e.at() + "\t" + e.event() + "\t" + (e.brandId() == null ? "-" : e.brandId()) + "\t"
                            + (e.detail() == null ? "-" : e.detail()) + "\t" + e.actor());
                }
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "report",
            description = "Write an alliance's monthly report: a PDF, or a CSV of the same numbers when --out ends in .csv.")
    static final class Report implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AllianceOption alliance;
        @Option(names = "--month", required = true, description = "The month, as YYYY-MM (UTC).")
        String month;
        @Option(names = "--out", required = true, description = "The file to write (.pdf or .csv).")
        java.nio.file.Path out;

        @Override
        public Integer call() {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".pdf") && !name.endsWith(".csv")) {
                throw new CliException("--out must name a .pdf or .csv file, not '" + out + "'");
            }
            try (AdminContext admin = AdminContext.open()) {
                Alliance target = alliance(admin, alliance);
                dev.touchmark.alliance.AllianceMonth report;
                try {
                    report = admin.services().allianceReports().forOperator(target.id(), AllianceReports.parseMonth(month));
                } catch (dev.touchmark.error.ValidationException e) {
                    throw new CliException("--" + e.getMessage() + " (not '" + month + "')");
                }
                java.time.YearMonth when = report.month();
                byte[] bytes = name.endsWith(".csv") ? dev.touchmark.alliance.AllianceReportFiles.csv(report)
                        : dev.touchmark.alliance.AllianceReportFiles.pdf(report);
                try {
                    java.nio.file.Files.write(out, bytes);
                } catch (java.io.IOException e) {
                    throw new CliException("could not write " + out + ": " + e.getMessage());
                }
                System.out.println("Wrote the " + when + " report of alliance " + target.id() + " \"" + target.name() + "\" to "
                        + out + " (" + bytes.length + " bytes)");
                return 0;
            }
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "remove",
            description = "End a brand's membership, or withdraw its open invitation.")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        AllianceOption alliance;
        @picocli.CommandLine.Mixin
        BrandOption brand;

        @Override
        public Integer call() {
            try (AdminContext admin = AdminContext.open()) {
                Alliance target = alliance(admin, alliance);
                Membership removed = admin.services().alliances().remove(target.id(), brand(admin, brand).id(), actor());
                System.out.println("Removed brand " + removed.brandId() + " \"" + removed.brandName() + "\" from alliance "
                        + target.id() + " \"" + target.name() + "\"");
                return 0;
            }
        }
    }
}
