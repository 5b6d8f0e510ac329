package dev.portcullis.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.policy.GraphNamed;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and layer rules of README.md ("Modules"), checked on the compiled classes of every
 * module (they are test dependencies of app). Each rule fails when its subject is empty, unless
 * noted: a rule that sees no classes proves nothing.
 */
class ArchitectureTest {

    static final String CORE = "dev.portcullis.core..";
    static final String APP = "dev.portcullis.app..";
    static final String GRAPH_JSON = "dev.portcullis.graphjson..";
    static final String REST = "dev.portcullis.adapters.rest..";
    static final String PERSISTENCE = "dev.portcullis.adapters.persistence..";
    static final String KEYCLOAK = "dev.portcullis.adapters.keycloak..";
    /** The Admin Client module (adapters-keycloak-admin): Keycloak seen from outside, never inside it. */
    static final String KEYCLOAK_ADMIN = "dev.portcullis.adapters.keycloak.admin..";
    /** The demo module: the launcher and the demo organisation, never shipped with the control plane. */
    static final String DEMO = "dev.portcullis.demo..";
    static final List<String> ADAPTERS = List.of(REST, PERSISTENCE, KEYCLOAK);
    static final String PORT_IN = "dev.portcullis.core.port.in..";
    static final String PORT_OUT = "dev.portcullis.core.port.out..";
    static final String SERVICES = "dev.portcullis.core.service..";
    /** Where CDI makes the services: the only adapter code that may name one. */
    static final String WIRING = "dev.portcullis.adapters.rest.wiring..";
    /**
     * The Entra import still plans and writes on the out-ports itself (the ImportPolicies use case
     * is not written yet): the one resource exempt from the layer rule, named so it cannot spread.
     */
    static final Set<String> RESOURCES_NOT_YET_ON_USE_CASES = Set.of("ImportResource");

    /** Product classes only: no test classes, no test-jars (core's scenario fixtures), no archfixtures. */
    private static JavaClasses product;

    @BeforeAll
    static void importProductClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.portcullis");
    }

    // ---- the rules -------------------------------------------------------------------------------

    static final ArchRule CORE_DEPENDS_ON_THE_JDK_ONLY = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE)
            .because("core is the pure domain and may use the JDK only (README.md, Modules)")
            .allowEmptyShould(false);

    /** Says the same as the rule above, with the frameworks named, so a violation reads plainly. */
    static final ArchRule CORE_USES_NO_FRAMEWORK = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta..", "javax..", "io.quarkus..", "org.keycloak..", "com.fasterxml..", "org.hibernate..",
                    "io.smallrye..", "org.eclipse.microprofile..", "io.vertx..", "org.jboss..", "org.flywaydb..")
            .because("CDI, JPA, Jackson and Keycloak stay in the adapters (STYLE.md, Avoid)")
            .allowEmptyShould(false);

    /**
     * Core's packages form no cycle. One known edge is exempt: {@link GraphNamed}, the "has a Graph
     * name" interface, lives in {@code policy} but is implemented by the vocabulary enums of
     * {@code method} and {@code signin}, which closes policy → condition → signin → policy. It is a
     * leaf interface with no dependencies of its own; moving it to a package of its own would remove
     * the exemption, but changes a public type others already import. Any other cycle fails.
     */
    static final ArchRule CORE_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("dev.portcullis.core.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.equivalentTo(GraphNamed.class))
            .allowEmptyShould(false);

    /**
     * Adapters never depend on each other. Each rule allows an empty subject, so that an adapter
     * module may be split or emptied without this test failing for it;
     * {@link #theAdapterRulesCatchViolations()} proves they bite.
     */
    static final List<ArchRule> ADAPTERS_ARE_INDEPENDENT = ADAPTERS.stream()
            .map(adapter -> (ArchRule) noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(
                            ADAPTERS.stream().filter(other -> !other.equals(adapter)).toArray(String[]::new))
                    .because("adapters are wired together by app only (README.md, Modules)")
                    .allowEmptyShould(true))
            .toList();

    /** Only app wires: no other class depends on (or lives in and depends on) more than one adapter. */
    static final ArchRule ONLY_APP_USES_SEVERAL_ADAPTERS = classes().that().resideInAPackage("dev.portcullis..")
            .and().resideOutsideOfPackage(APP)
            .should(dependOnAtMostOneAdapter())
            .allowEmptyShould(false);

    /** The Graph JSON wire format is written once: Jackson only in graph-json, the REST adapter and app. */
    static final ArchRule JACKSON_ONLY_WHERE_THE_WIRE_FORMAT_LIVES = noClasses()
            .that().resideInAPackage("dev.portcullis..")
            .and().resideOutsideOfPackages(GRAPH_JSON, REST, APP)
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("a format both ends of a wire read is written once, in one place (README.md, Modules)")
            .allowEmptyShould(false);

    /** Its codecs share one configured mapper, graph-json's JsonText: no one else configures another. */
    static final ArchRule ONE_CONFIGURED_MAPPER = noClasses().that().resideInAPackage("dev.portcullis..")
            .and().doNotHaveFullyQualifiedName("dev.portcullis.graphjson.JsonText")
            .should().dependOnClassesThat().areAssignableTo("com.fasterxml.jackson.databind.ObjectMapper")
            .because("two mappers could read one document two ways (issue 16)")
            .allowEmptyShould(false);

    /** An out-port: an interface in core/port/out (its records are plain data any layer may carry). */
    static final DescribedPredicate<JavaClass> OUT_PORTS = JavaClass.Predicates.resideInAPackage(PORT_OUT)
            .and(JavaClass.Predicates.INTERFACES).as("out-ports");

    /** Resources map HTTP to use cases and back: they never reach a service or an out-port themselves. */
    static final ArchRule RESOURCES_GO_THROUGH_PORT_IN = noClasses().that().resideInAPackage(REST)
            .and().haveSimpleNameContaining("Resource")
            .and(DescribedPredicate.not(JavaClass.Predicates.simpleNameContaining("Import"))
                    .as("are not " + RESOURCES_NOT_YET_ON_USE_CASES))
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(SERVICES).or(OUT_PORTS)
                    .as("services or out-ports"))
            .because("a second front end must find the application in port/in, not copy it (issue 16)")
            .allowEmptyShould(false);

    /** Only the wiring names a service: everyone else sees the use case's interface. */
    static final ArchRule ONLY_THE_WIRING_MAKES_SERVICES = noClasses().that().resideInAPackage("dev.portcullis..")
            .and().resideOutsideOfPackages(SERVICES, WIRING, APP)
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .allowEmptyShould(false);

    /** Services are plain Java over core: the domain, the use cases they implement and the out-ports. */
    static final ArchRule SERVICES_DEPEND_ON_CORE_ONLY = classes().that().resideInAPackage(SERVICES)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE)
            .because("the application layer is framework-free, as in buckpal and hexagonal-architecture-java")
            .allowEmptyShould(false);

    /** What encodes documents as text: codecs, JSON, the wire-format module. */
    static final DescribedPredicate<JavaClass> ENCODINGS = JavaClass.Predicates.simpleNameContaining("Codec")
            .or(JavaClass.Predicates.simpleNameContaining("Json"))
            .or(JavaClass.Predicates.resideInAPackage(GRAPH_JSON))
            .as("codecs, JSON or stored text");

    /** Persistence owns its encoding: services read and write values through typed stores, never text. */
    static final ArchRule SERVICES_SEE_NO_ENCODING = noClasses().that().resideInAPackage(SERVICES)
            .should().dependOnClassesThat(ENCODINGS)
            .because("the store keeps documents in its own encoding; services see values only (issue 16)")
            .allowEmptyShould(false);

    /** A use case does not know what implements it. */
    static final ArchRule USE_CASES_DO_NOT_NAME_SERVICES = noClasses().that().resideInAPackage(PORT_IN)
            .should().dependOnClassesThat().resideInAPackage(SERVICES)
            .allowEmptyShould(false);

    /**
     * The provider JAR runs inside Keycloak, which ships no Admin Client: no provider class may
     * reach the Admin Client module or the Admin Client itself.
     */
    static final ArchRule THE_PROVIDER_NEVER_USES_THE_ADMIN_CLIENT_MODULE = noClasses()
            .that().resideInAPackage(KEYCLOAK).and().resideOutsideOfPackage(KEYCLOAK_ADMIN)
            .should().dependOnClassesThat().resideInAnyPackage(KEYCLOAK_ADMIN, "org.keycloak.admin.client..")
            .because("the provider JAR is adapters-keycloak alone; the Admin Client code is adapters-keycloak-admin's")
            .allowEmptyShould(false);

    /** The control plane (app, the adapters, core, graph-json) never names a demo class. */
    static final ArchRule THE_CONTROL_PLANE_NEVER_USES_THE_DEMO = noClasses()
            .that().resideInAPackage("dev.portcullis..").and().resideOutsideOfPackage(DEMO)
            .should().dependOnClassesThat().resideInAPackage(DEMO)
            .because("the demo organisation and the launcher are not shipped with the control plane (issue 16)")
            .allowEmptyShould(false);

    // ---- the checks ------------------------------------------------------------------------------

    @Test
    void theImportSeesTheProductClasses() {
        assertThat(product.contain(Evaluator.class)).isTrue();
        assertThat(product.that(JavaClass.Predicates.resideInAPackage(CORE)).size()).isGreaterThan(40);
        assertThat(product.stream().map(JavaClass::getPackageName))
                .as("test classes and fixtures are not product code")
                .noneMatch(p -> p.contains("archfixture") || p.equals("dev.portcullis.architecture"))
                .noneMatch(p -> p.equals("dev.portcullis.core.scenario"));
    }

    @Test
    void coreDependsOnTheJdkOnly() {
        CORE_DEPENDS_ON_THE_JDK_ONLY.check(product);
        CORE_USES_NO_FRAMEWORK.check(product);
    }

    @Test
    void corePackagesAreFreeOfCycles() {
        CORE_PACKAGES_ARE_FREE_OF_CYCLES.check(product);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        ADAPTERS_ARE_INDEPENDENT.forEach(rule -> rule.check(product));
    }

    @Test
    void onlyAppDependsOnMoreThanOneAdapter() {
        ONLY_APP_USES_SEVERAL_ADAPTERS.check(product);
    }

    @Test
    void jacksonIsUsedOnlyWhereTheWireFormatLives() {
        JACKSON_ONLY_WHERE_THE_WIRE_FORMAT_LIVES.check(product);
        ONE_CONFIGURED_MAPPER.check(product);
    }

    @Test
    void resourcesReachTheApplicationThroughPortInOnly() {
        RESOURCES_GO_THROUGH_PORT_IN.check(product);
        ONLY_THE_WIRING_MAKES_SERVICES.check(product);
        assertThat(RESOURCES_NOT_YET_ON_USE_CASES).allSatisfy(name ->
                assertThat(product.stream().map(JavaClass::getSimpleName)).contains(name));
    }

    @Test
    void servicesArePlainJavaOverCore() {
        SERVICES_DEPEND_ON_CORE_ONLY.check(product);
        USE_CASES_DO_NOT_NAME_SERVICES.check(product);
        SERVICES_SEE_NO_ENCODING.check(product);
    }

    @Test
    void theProviderNeverUsesTheAdminClientModule() {
        assertThat(product.that(JavaClass.Predicates.resideInAPackage(KEYCLOAK_ADMIN)).size())
                .as("the Admin Client module is imported, so the rule has something to forbid").isPositive();
        THE_PROVIDER_NEVER_USES_THE_ADMIN_CLIENT_MODULE.check(product);
    }

    /**
     * Not on the control plane's class path: app's test class path holds all of its runtime one,
     * and no demo class is on it (app cannot depend on demo; demo depends on app); nor does any
     * control-plane class name one.
     */
    @Test
    void demoClassesAreNotOnTheControlPlanesClassPath() {
        assertThat(product.stream().map(JavaClass::getPackageName)).noneMatch(p -> p.startsWith("dev.portcullis.demo"));
        assertThatThrownBy(() -> Class.forName("dev.portcullis.demo.Launcher"))
                .isInstanceOf(ClassNotFoundException.class);
        THE_CONTROL_PLANE_NEVER_USES_THE_DEMO.check(product);
    }

    /** The rules are not vacuous: fed the deliberate violations in the archfixture packages, they fail. */
    @Test
    void theAdapterRulesCatchViolations() {
        JavaClasses fixtures = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.portcullis.adapters", "dev.portcullis.architecture.archfixture",
                        "dev.portcullis.core.service.archfixture");
        assertThat(fixtures.size()).isEqualTo(7);

        assertThat(ADAPTERS_ARE_INDEPENDENT.get(0).evaluate(fixtures).hasViolation())
                .as("rest → persistence is caught").isTrue();
        assertThat(ADAPTERS_ARE_INDEPENDENT.get(1).evaluate(fixtures).hasViolation())
                .as("persistence uses no other adapter").isFalse();
        assertThat(ONLY_APP_USES_SEVERAL_ADAPTERS.evaluate(fixtures).getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("WiringOutsideApp"))
                .anySatisfy(d -> assertThat(d).contains("RestFixtureReachingIntoPersistence"));
        assertThat(RESOURCES_GO_THROUGH_PORT_IN.evaluate(fixtures).getFailureReport().getDetails())
                .as("a resource reading the store and making a service is caught")
                .anySatisfy(d -> assertThat(d).contains("SnapshotVersionPort"))
                .anySatisfy(d -> assertThat(d).contains("InProcessReferenceTurns"));
        assertThat(ONLY_THE_WIRING_MAKES_SERVICES.evaluate(fixtures).hasViolation()).isTrue();
        assertThat(ONE_CONFIGURED_MAPPER.evaluate(fixtures).getFailureReport().getDetails())
                .as("a second mapper is caught").anySatisfy(d -> assertThat(d).contains("RestFixtureWithItsOwnMapper"));
        assertThat(THE_PROVIDER_NEVER_USES_THE_ADMIN_CLIENT_MODULE.evaluate(fixtures).getFailureReport().getDetails())
                .as("a provider class reaching the Admin Client module is caught")
                .anySatisfy(d -> assertThat(d).contains("ProviderFixtureReachingIntoAdmin"));
        assertThat(SERVICES_SEE_NO_ENCODING.evaluate(fixtures).getFailureReport().getDetails())
                .as("a service decoding stored text is caught")
                .anySatisfy(d -> assertThat(d).contains("ServiceFixtureDecodingText").contains("DocumentCodec"));
    }

    private static ArchCondition<JavaClass> dependOnAtMostOneAdapter() {
        return new ArchCondition<>("depend on at most one adapter (counting the one they live in)") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Set<String> adapters = new TreeSet<>();
                adapterOf(item).ifPresent(adapters::add);
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    adapterOf(dependency.getTargetClass()).ifPresent(adapters::add);
                }
                if (adapters.size() > 1) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " uses adapters " + adapters
                            + ": only dev.portcullis.app may wire more than one adapter"));
                }
            }
        };
    }

    private static Optional<String> adapterOf(JavaClass type) {
        String pkg = type.getPackageName();
        for (String adapter : ADAPTERS) {
            String root = adapter.substring(0, adapter.length() - 2);
            if (pkg.equals(root) || pkg.startsWith(root + ".")) {
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }
}
