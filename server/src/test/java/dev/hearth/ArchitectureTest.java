package dev.hearth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md, checked on every build. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hearth");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.hearth.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void layersOnlyDependDownwards() {
        noClasses().that().resideInAnyPackage("dev.hearth.error..", "dev.hearth.config..", "dev.hearth.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.web..", "dev.hearth.accounts..",
                        "dev.hearth.repos..", "dev.hearth.git..", "dev.hearth.app..", "dev.hearth.cli..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.hearth.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.accounts..", "dev.hearth.repos..",
                        "dev.hearth.git..", "dev.hearth.app..", "dev.hearth.cli..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.hearth.accounts..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.repos..", "dev.hearth.git..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.hearth.repos..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.git..")
                .check(CLASSES);
    }

    /**
     * A repository's content is opened only with proof that the permission policy was asked
     * (browse through {@code OpenRepo}, git transports through {@code GitServices}, each taking a
     * {@code RepoService.Access}), or by the registry and the write path and maintenance, which
     * act on a repository already decided. No route or page opens one by id on its own.
     */
    @Test
    void repositoriesAreOpenedOnlyAfterThePolicyDecided() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.hearth.browse.OpenRepo")
                .and().doNotHaveFullyQualifiedName("dev.hearth.git.GitServices")
                .and().doNotHaveFullyQualifiedName("dev.hearth.git.CommitWriter")
                .and().doNotHaveFullyQualifiedName("dev.hearth.git.RepoMaintenance")
                .and().doNotHaveFullyQualifiedName("dev.hearth.git.WritePath") // its reconcile at start
                .and().resideOutsideOfPackage("dev.hearth.repos..")
                .should().callMethod(dev.hearth.repos.RepoStore.class, "open", long.class)
                .check(CLASSES);
    }

    /** A class named …Routes, or one nested in it (lambdas and inner classes of its handlers). */
    static final DescribedPredicate<JavaClass> ROUTES = DescribedPredicate.describe("a ...Routes class or nested in one", c -> {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
        return top.getSimpleName().endsWith("Routes");
    });

    @Test
    void javalinStaysInRoutesAndTheWebLayer() {
        noClasses().that().resideOutsideOfPackages("dev.hearth.web..", "dev.hearth.ui..")
                .and(DescribedPredicate.not(ROUTES))
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..")
                .check(CLASSES);
    }

    @Test
    void nothingPrintsToTheConsoleButTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.hearth.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CLASSES);
    }
}
