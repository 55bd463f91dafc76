package io.gtfc.it.architecture;

import static io.gtfc.it.architecture.DesignRules.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.gtfc.cli.archfixture.CliRoot;
import io.gtfc.cli.archfixture.DaggerFixtureComponent;
import io.gtfc.cli.archfixture.commands.CliCommand;
import io.gtfc.domain.Membership;
import io.gtfc.domain.archfixture.CycleFromDomain;
import io.gtfc.domain.archfixture.DomainRuleReadingTheClock;
import io.gtfc.domain.archfixture.DomainValueHoldingAnObjectId;
import io.gtfc.git.archfixture.GitAdapterCallingSsh;
import io.gtfc.git.archfixture.GitAdapterUsingBouncyCastle;
import io.gtfc.git.archfixture.GitAdapterUsingJna;
import io.gtfc.git.archfixture.Repository;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.archfixture.CycleFromPorts;
import io.gtfc.ports.archfixture.IVersionStore;
import io.gtfc.ports.archfixture.PortsUsingDagger;
import io.gtfc.ports.archfixture.VersionStoreImpl;
import io.gtfc.ports.archfixture.VersionStorePort;
import io.gtfc.ssh.archfixture.SshAdapterFixture;
import io.gtfc.ssh.archfixture.SshAdapterSettingASystemProperty;
import io.gtfc.ssh.archfixture.SshAdapterSettingTheGlobalSessionFactory;
import io.gtfc.ssh.archfixture.SshAdapterUsingPicocli;
import io.gtfc.usecases.archfixture.PushChanges;
import io.gtfc.usecases.archfixture.PushOverSshd;
import io.gtfc.usecases.archfixture.PushUseCase;
import io.gtfc.watch.inotify.archfixture.InotifyEventStructure;
import io.gtfc.watch.inotify.archfixture.internal.InotifyEvent;
import io.gtfc.watch.kqueue.archfixture.KqueueWatcherPushingChanges;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Each design rule twice: the production classes keep it, and a deliberately broken fixture
 * (in a package that imitates the real one) makes the same rule object fail.
 */
class DesignRulesTest {

  private static final JavaClasses PRODUCTION = ProductionClasses.ALL;

  @Test
  void productionImportHoldsEveryModuleButNoTestClasses() {
    assertThat(PRODUCTION.contain(Membership.class)).isTrue();
    assertThat(PRODUCTION.contain(VersionStore.class)).isTrue();
    assertThat(PRODUCTION.stream().map(JavaClass::getName))
        .noneMatch(name -> name.contains(".archfixture") || name.startsWith("io.gtfc.it."));
  }

  @Test
  void productionImportSkipsTheFakesOfTheTestJar() {
    Location fake =
        Location.of(URI.create("jar:file:/m2/io/gtfc/ports/ports-0.1.0-SNAPSHOT-tests.jar!/x.class"));
    Location real =
        Location.of(URI.create("jar:file:/m2/io/gtfc/ports/ports-0.1.0-SNAPSHOT.jar!/x.class"));

    assertThat(ProductionClasses.isNotInATestJar(fake)).isFalse();
    assertThat(ProductionClasses.isNotInATestJar(real)).isTrue();
  }

  // 1. domain

  @Test
  void domainDependsOnlyOnJavaAndImmutables() {
    DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_IMMUTABLES.check(PRODUCTION);
  }

  @Test
  void domainRuleCatchesAJGitImport() {
    assertCatches(
        DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_IMMUTABLES,
        "org.eclipse.jgit.lib.ObjectId",
        DomainValueHoldingAnObjectId.class);
  }

  // 2. ports and use cases

  @Test
  void portsDependOnlyOnDomainImmutablesAndSlf4j() {
    PORTS_DEPEND_ONLY_ON_DOMAIN_IMMUTABLES_AND_SLF4J.check(PRODUCTION);
  }

  @Test
  void portsRuleCatchesAUseCaseTalkingSshdItself() {
    assertCatches(
        PORTS_DEPEND_ONLY_ON_DOMAIN_IMMUTABLES_AND_SLF4J,
        "org.apache.sshd.client.SshClient",
        PushOverSshd.class);
  }

  @Test
  void coreNeverReadsTheClockOrTheEnvironment() {
    CORE_NEVER_READS_THE_CLOCK_OR_THE_ENVIRONMENT.check(PRODUCTION);
  }

  @Test
  void clockRuleCatchesInstantNow() {
    assertCatches(
        CORE_NEVER_READS_THE_CLOCK_OR_THE_ENVIRONMENT,
        "java.time.Instant.now()",
        DomainRuleReadingTheClock.class);
  }

  // 3. and 4. adapters

  @Test
  void adaptersDoNotDependOnEachOther() {
    ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER.check(PRODUCTION);
  }

  @Test
  void adapterRuleCatchesGitReachingIntoSsh() {
    assertCatches(
        ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
        SshAdapterFixture.class.getName(),
        GitAdapterCallingSsh.class,
        SshAdapterFixture.class);
  }

  @Test
  void adaptersDoNotCallUseCases() {
    ADAPTERS_DO_NOT_CALL_USE_CASES.check(PRODUCTION);
  }

  @Test
  void useCaseRuleCatchesAWatcherPushingChanges() {
    assertCatches(
        ADAPTERS_DO_NOT_CALL_USE_CASES,
        PushChanges.class.getName() + ".push()",
        KqueueWatcherPushingChanges.class);
  }

  // 5. each library stays in its adapter

  @Test
  void jgitStaysInTheGitAndSshAdapters() {
    JGIT_ONLY_IN_GIT_AND_SSH_ADAPTERS.check(PRODUCTION);
  }

  @Test
  void jgitRuleCatchesAnObjectIdInTheDomain() {
    assertCatches(
        JGIT_ONLY_IN_GIT_AND_SSH_ADAPTERS,
        "org.eclipse.jgit.lib.ObjectId",
        DomainValueHoldingAnObjectId.class);
  }

  @Test
  void sshdStaysInTheSshAdapter() {
    SSHD_ONLY_IN_SSH_ADAPTER.check(PRODUCTION);
  }

  @Test
  void sshdRuleCatchesAUseCaseHoldingAnSshClient() {
    assertCatches(SSHD_ONLY_IN_SSH_ADAPTER, "org.apache.sshd.client.SshClient", PushOverSshd.class);
  }

  @Test
  void bouncyCastleStaysInTheSshAdapter() {
    BOUNCY_CASTLE_ONLY_IN_SSH_ADAPTER.check(PRODUCTION);
  }

  @Test
  void bouncyCastleRuleCatchesTheGitAdapterHoldingAProvider() {
    assertCatches(
        BOUNCY_CASTLE_ONLY_IN_SSH_ADAPTER,
        "org.bouncycastle.jce.provider.BouncyCastleProvider",
        GitAdapterUsingBouncyCastle.class);
  }

  @Test
  void jnaStaysInTheWatchAdapters() {
    JNA_ONLY_IN_WATCH_ADAPTERS.check(PRODUCTION);
  }

  @Test
  void jnaRuleCatchesTheGitAdapterHoldingAPointer() {
    assertCatches(JNA_ONLY_IN_WATCH_ADAPTERS, "com.sun.jna.Pointer", GitAdapterUsingJna.class);
  }

  @Test
  void jnaStructuresStayInAnInternalPackage() {
    JNA_STRUCTURES_STAY_INTERNAL.check(PRODUCTION);
  }

  @Test
  void structureRuleCatchesAnExposedStructureAndSparesAnInternalOne() {
    assertCatches(
        JNA_STRUCTURES_STAY_INTERNAL,
        InotifyEventStructure.class.getName(),
        InotifyEventStructure.class);
    assertKeeps(JNA_STRUCTURES_STAY_INTERNAL, InotifyEvent.class);
  }

  @Test
  void daggerStaysInTheCli() {
    DAGGER_ONLY_IN_CLI.check(PRODUCTION);
  }

  @Test
  void daggerRuleCatchesAPortHoldingALazy() {
    assertCatches(DAGGER_ONLY_IN_CLI, "dagger.Lazy", PortsUsingDagger.class);
  }

  @Test
  void picocliStaysInTheCli() {
    PICOCLI_ONLY_IN_CLI.check(PRODUCTION);
  }

  @Test
  void picocliRuleCatchesTheSshAdapterHoldingACommandLine() {
    assertCatches(PICOCLI_ONLY_IN_CLI, "picocli.CommandLine", SshAdapterUsingPicocli.class);
  }

  // 6. cycles

  @Test
  void modulesAreFreeOfCycles() {
    MODULES_ARE_FREE_OF_CYCLES.check(PRODUCTION);
  }

  @Test
  void moduleCycleRuleCatchesDomainAndPortsUsingEachOther() {
    assertCatches(
        MODULES_ARE_FREE_OF_CYCLES,
        CycleFromPorts.class.getName(),
        CycleFromDomain.class,
        CycleFromPorts.class);
  }

  @Test
  void packagesAreFreeOfCycles() {
    PACKAGES_ARE_FREE_OF_CYCLES.check(PRODUCTION);
  }

  @Test
  void packageCycleRuleCatchesTwoPackagesOfOneModuleUsingEachOther() {
    assertKeeps(MODULES_ARE_FREE_OF_CYCLES, CliRoot.class, CliCommand.class);
    assertCatches(
        PACKAGES_ARE_FREE_OF_CYCLES, CliCommand.class.getName(), CliRoot.class, CliCommand.class);
  }

  // 7. naming

  @Test
  void noClassIsNamedImpl() {
    NO_IMPL_SUFFIX.check(PRODUCTION);
  }

  @Test
  void implRuleCatchesAVersionStoreImplButSparesDaggersComponent() {
    assertCatches(NO_IMPL_SUFFIX, VersionStoreImpl.class.getName(), VersionStoreImpl.class);
    assertKeeps(
        NO_IMPL_SUFFIX,
        DaggerFixtureComponent.class,
        DaggerFixtureComponent.FixtureComponentImpl.class);
  }

  @Test
  void noClassIsNamedPort() {
    NO_PORT_SUFFIX.check(PRODUCTION);
  }

  @Test
  void portRuleCatchesAVersionStorePort() {
    assertCatches(NO_PORT_SUFFIX, VersionStorePort.class.getName(), VersionStorePort.class);
  }

  @Test
  void noClassIsNamedUseCase() {
    NO_USE_CASE_SUFFIX.check(PRODUCTION);
  }

  @Test
  void useCaseNameRuleCatchesAPushUseCase() {
    assertCatches(NO_USE_CASE_SUFFIX, PushUseCase.class.getName(), PushUseCase.class);
  }

  @Test
  void noInterfaceIsPrefixedWithI() {
    NO_I_PREFIX_ON_INTERFACES.check(PRODUCTION);
  }

  @Test
  void prefixRuleCatchesAnIVersionStore() {
    assertCatches(NO_I_PREFIX_ON_INTERFACES, IVersionStore.class.getName(), IVersionStore.class);
  }

  @Test
  void noClassTakesANameOfJGitOrTheJdk() {
    NO_NAMES_THAT_CLASH_WITH_LIBRARIES.check(PRODUCTION);
  }

  @Test
  void clashRuleCatchesARepository() {
    assertCatches(NO_NAMES_THAT_CLASH_WITH_LIBRARIES, Repository.class.getName(), Repository.class);
  }

  // 8. no JVM-wide state

  @Test
  void noClassChangesJvmWideState() {
    NO_JVM_WIDE_STATE.check(PRODUCTION);
  }

  @Test
  void stateRuleCatchesSetPropertyAndTheGlobalSessionFactory() {
    assertCatches(
        NO_JVM_WIDE_STATE, "System.setProperty", SshAdapterSettingASystemProperty.class);
    assertCatches(
        NO_JVM_WIDE_STATE,
        "SshSessionFactory.setInstance",
        SshAdapterSettingTheGlobalSessionFactory.class);
  }

  /** The rule must fail on the fixtures, and for the expected reason. */
  private static void assertCatches(ArchRule rule, String expectedInReport, Class<?>... fixtures) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixtures));

    assertThat(result.hasViolation()).as("%s violated by the fixture", rule).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .as("violations of %s", rule)
        .anyMatch(detail -> detail.contains(expectedInReport));
  }

  /** The rule has nothing against the fixtures, including when it leaves them all out. */
  private static void assertKeeps(ArchRule rule, Class<?>... fixtures) {
    rule.allowEmptyShould(true).check(new ClassFileImporter().importClasses(fixtures));
  }
}
