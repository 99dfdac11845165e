package org.sirgiving.testinfra.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithSessionOnDemand;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.auth.WidgetAuth;

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

    @Test
    void everyPublicOperationStatesInItsDocumentTheSurfaceItAuthenticatesOn() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass resource : classes) {
            if (!resource.getPackageName().startsWith(base + ".api")
                    || !resource.tryGetAnnotationOfType(Path.class)
                            .map(p -> p.value().startsWith("/v1/"))
                            .orElse(false)) {
                continue;
            }
            for (JavaMethod method : resource.getMethods()) {
                if (HTTP_METHODS.stream().noneMatch(method::isAnnotatedWith)) {
                    continue;
                }
                String expected = surface(method).or(() -> surface(resource)).orElse(null);
                String stated = statedSurface(method).orElse(null);
                if (expected == null && stated == null && hidden(method)) {
                    // Not a partner operation (a payment provider's webhook, checked by the provider's own
                    // signature): absent from the document, so there is no surface for it to state.
                    continue;
                }
                if (expected == null || !expected.equals(stated)) {
                    wrong.add(resource.getSimpleName() + "." + method.getName() + ": authenticates as " + expected
                            + ", its @Extension(name = OpenApiNames.AUTH) says " + stated);
                }
            }
        }
        assertTrue(
                wrong.isEmpty(),
                "the OpenAPI document must say how each operation authenticates (kernel PartnerApiDocument turns the"
                        + " x-sir-auth extension into its security and its 401/403/429 answers):\n  "
                        + String.join("\n  ", wrong));
    }

    private static final List<Class<? extends Annotation>> HTTP_METHODS =
            List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class);

    /** What the code enforces: the partner-auth name bindings, or the JWT roles. */
    private static Optional<String> surface(HasAnnotations<?> element) {
        if (element.isAnnotatedWith(WidgetAuth.class)) {
            return Optional.of(OpenApiNames.WIDGET);
        }
        if (element.isAnnotatedWith(SignedAuth.class)) {
            return Optional.of(OpenApiNames.SIGNED);
        }
        if (element.isAnnotatedWith(SecretKeyAuth.class)) {
            return Optional.of(OpenApiNames.SECRET_KEY);
        }
        Optional<RolesAllowed> roles = element.tryGetAnnotationOfType(RolesAllowed.class);
        if (roles.isPresent() && List.of(roles.get().value()).contains("operator")) {
            return Optional.of(OpenApiNames.OPERATOR_JWT);
        }
        if (roles.isPresent() || element.isAnnotatedWith(Authenticated.class)) {
            return Optional.of(OpenApiNames.USER_JWT);
        }
        return Optional.empty();
    }

    /**
     * What the document says: the x-sir-auth extension in the method's {@code @Operation}. Only there: a bare
     * {@code @Extension} on a method is also copied by SmallRye onto its request body and responses.
     */
    private static Optional<String> statedSurface(JavaMethod method) {
        return method.tryGetAnnotationOfType(Operation.class).stream()
                .flatMap(o -> Arrays.stream(o.extensions()))
                .filter(e -> e.name().equals(OpenApiNames.AUTH))
                .map(Extension::value)
                .findFirst();
    }

    private static boolean hidden(JavaMethod method) {
        return method.tryGetAnnotationOfType(Operation.class)
                .map(Operation::hidden)
                .orElse(false);
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
