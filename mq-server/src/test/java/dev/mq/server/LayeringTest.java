package dev.mq.server;

import dev.mq.server.layeringfixture.broker.FixtureWiring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker and name server are plain Java on top of mq-store and mq-protocol; only the
 * application shell ({@code dev.mq.server}, {@code dev.mq.server.config}) knows Spring; Netty stays
 * inside mq-protocol. The broker is cut into feature packages ({@code send}, {@code pull},
 * {@code transaction}, ...) that do not form cycles, and only the root package
 * ({@code Broker}) wires them together. The server never uses client-side modules.
 */
class LayeringTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.mq.server");

    static final ArchRule CORE_IS_FRAMEWORK_FREE = noClasses()
            .that().resideInAnyPackage("dev.mq.server.broker..", "dev.mq.server.namesrv..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..", "io.netty..");

    static final ArchRule NO_CLIENT_SIDE_MODULES = noClasses()
            .that().resideInAPackage("dev.mq.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mq.client..", "dev.mq.spring..",
                    "dev.mq.console..", "dev.mq.bench..");

    /** Feature packages below {@code root} depend on each other without cycles. */
    static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Only the classes of {@code root} itself wire the features; no feature reaches back into it. */
    static ArchRule featuresDoNotUseTheWiring(String root) {
        return noClasses().that().resideInAPackage(root + ".*..")
                .should().dependOnClassesThat().resideInAPackage(root);
    }

    @Test
    void brokerAndNameServerDoNotUseSpringMicrometerOrNetty() {
        CORE_IS_FRAMEWORK_FREE.check(SERVER);
    }

    @Test
    void theServerUsesNoClientSideModule() {
        NO_CLIENT_SIDE_MODULES.check(SERVER);
    }

    @Test
    void brokerFeaturePackagesFormNoCycle() {
        featuresFreeOfCycles("dev.mq.server.broker").check(SERVER);
    }

    @Test
    void brokerFeaturesDoNotReachBackIntoTheWiring() {
        featuresDoNotUseTheWiring("dev.mq.server.broker").check(SERVER);
    }

    @Test
    void theRulesCanFail() {
        JavaClasses shell = new ClassFileImporter().importClasses(MqServer.class);
        // the shell itself uses Spring: a rule aimed at it must report that
        assertThat(noClasses().that().resideInAPackage("dev.mq.server")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .evaluate(shell).hasViolation()).isTrue();
        assertThat(SERVER.contain(dev.mq.server.broker.Broker.class)).isTrue();

        JavaClasses fixture = new ClassFileImporter().importPackages("dev.mq.server.layeringfixture");
        String root = FixtureWiring.class.getPackageName();
        assertThat(featuresFreeOfCycles(root).evaluate(fixture).hasViolation()).as("cycle reported").isTrue();
        assertThat(featuresDoNotUseTheWiring(root).evaluate(fixture).hasViolation()).as("back edge reported").isTrue();
    }
}
