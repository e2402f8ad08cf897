package dev.touchmark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering docs/architecture.md describes, checked on the compiled classes (slow: it imports every class). */
@ArchTag("slow")
@AnalyzeClasses(packages = "dev.touchmark", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Every feature package; http and the shared packages (domain, error, i18n, config, image, db) are not features. */
    private static final String[] FEATURES = {"dev.touchmark.access..", "dev.touchmark.alert..", "dev.touchmark.alliance..", "dev.touchmark.batch..",
        "dev.touchmark.brand..", "dev.touchmark.code..", "dev.touchmark.dashboard..", "dev.touchmark.keys..",
        "dev.touchmark.installation..", "dev.touchmark.label..", "dev.touchmark.mail..", "dev.touchmark.metrics..", "dev.touchmark.product..", "dev.touchmark.report..",
        "dev.touchmark.scan..", "dev.touchmark.shopper..", "dev.touchmark.verify..", "dev.touchmark.webhook..",
        "dev.touchmark.cli..",
        "dev.touchmark.demo.."};

    @ArchTest
    static final ArchRule packagesDependOnEachOtherWithoutCycles = slices().matching("dev.touchmark.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheEntryPointsUseTheWiring = noClasses()
            .that().resideOutsideOfPackages("dev.touchmark", "dev.touchmark.cli..", "dev.touchmark.demo..")
            .should().dependOnClassesThat().resideInAPackage("dev.touchmark")
            .because("App, Services and the routes table wire the features together; features do not reach back");

    @ArchTest
    static final ArchRule httpHelpersImportNoFeature = noClasses().that().resideInAPackage("dev.touchmark.http..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule sharedTypesImportNoFeature = noClasses()
            .that().resideInAnyPackage("dev.touchmark.domain..", "dev.touchmark.error..", "dev.touchmark.i18n..",
                    "dev.touchmark.config..", "dev.touchmark.image..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule servicesAndRepositoriesKnowNothingOfHttp = noClasses()
            .that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
            .should().dependOnClassesThat().resideInAPackage("io.javalin..");

    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = classes().that().haveSimpleNameEndingWith("Controller")
            .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.jooq..");

    @ArchTest
    static final ArchRule oneSignatureVerifier = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.touchmark.code.CodeVerifier")
            .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("Ed25519.verify") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().getName().equals("org.bouncycastle.math.ec.rfc8032.Ed25519")
                            && call.getName().equals("verify");
                }
            })
            .because("shoppers, brands' look-ups and the CLI all check codes through the one tamper-tested verifier");
}
