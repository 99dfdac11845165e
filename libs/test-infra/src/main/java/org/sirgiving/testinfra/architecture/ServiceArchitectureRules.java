package org.sirgiving.testinfra.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithSessionOnDemand;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The shape every service keeps, as tests (docs/architecture.md, "Layers"). A service's {@code ArchitectureTest}
 * extends this class with its base package; each rule names what it protects.
 *
 * <ul>
 *   <li>{@code api} (resources, request and response types) calls {@code service} only;
 *   <li>{@code messaging} (consumers) calls {@code service} only;
 *   <li>{@code service} (use cases) takes commands and returns results: it never sees {@code api} types; it owns the
 *       transactions, through {@link org.sirgiving.kernel.persistence.UnitOfWork} alone;
 *   <li>{@code repository} (one store per aggregate) holds every query of its tables;
 *   <li>{@code domain} (entities, values, pure rules) depends on nothing above it.
 * </ul>
 */
public abstract class ServiceArchitectureRules {
    private final String base;
    private final JavaClasses classes;

    protected ServiceArchitectureRules(String basePackage) {
        this.base = basePackage;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    @Test
    void layersAreCalledOnlyFromAbove() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("api")
                .definedBy(base + ".api..")
                .layer("messaging")
                .definedBy(base + ".messaging..")
                .layer("service")
                .definedBy(base + ".service..")
                .layer("repository")
                .definedBy(base + ".repository..")
                .layer("domain")
                .definedBy(base + ".domain..")
                .layer("config")
                .definedBy(base + ".config..")
                .whereLayer("api")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("service")
                .mayOnlyBeAccessedByLayers("api", "messaging", "config")
                .whereLayer("repository")
                .mayOnlyBeAccessedByLayers("service")
                .whereLayer("config")
                .mayNotBeAccessedByAnyLayer()
                .because("resources and consumers call use cases, use cases call stores (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void onlyStoresQueryTheDatabase() {
        noClasses()
                .that()
                .resideOutsideOfPackage(base + ".repository..")
                .should()
                .callMethodWhere(describe(
                        "a database access (a Uni-returning method of an entity or a"
                                + " Panache repository, a Mutiny session, Panache.getSession)",
                        ServiceArchitectureRules::isDatabaseAccess))
                .because("all SQL of a table lives in its store, so a schema change has one place to look")
                .check(classes);
    }

    @Test
    void transactionsAreOpenedOnlyByTheUnitOfWork() {
        noClasses()
                .should()
                .callMethodWhere(describe(
                        "Panache.withTransaction or Panache.withSession",
                        call -> call.getTargetOwner().isEquivalentTo(Panache.class)
                                && call.getName().startsWith("with")))
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(WithSession.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(WithSessionOnDemand.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(WithTransaction.class)
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.transaction.Transactional")
                .because("UnitOfWork.write is the only transaction: it also publishes the outbox after the commit")
                .check(classes);
    }

    @Test
    void timeComesFromTheOneClock() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("every rule reads the injected Clock, which tests move (libs/service-kernel Clocks)")
                .check(classes);
    }

    @Test
    void beansTakeTheirDependenciesThroughTheConstructor() {
        noFields()
                .should()
                .beAnnotatedWith(Inject.class)
                .because("constructor injection keeps a bean's dependencies visible and its fields final")
                .check(classes);
    }

    private static boolean isDatabaseAccess(JavaMethodCall call) {
        var owner = call.getTargetOwner();
        if (owner.isAssignableTo(Mutiny.Session.class) || owner.isAssignableTo(Mutiny.StatelessSession.class)) {
            return true;
        }
        if (owner.isEquivalentTo(Panache.class)) {
            return call.getName().equals("getSession");
        }
        boolean persistent =
                owner.isAssignableTo(PanacheEntityBase.class) || owner.isAssignableTo(PanacheRepositoryBase.class);
        return persistent && call.getTarget().getRawReturnType().isAssignableTo(Uni.class);
    }
}
