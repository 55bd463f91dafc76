package io.gtfc.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The design of ARCHITECTURE.md and STYLE.md as ArchUnit rules over the production classes of
 * every module. Each rule is also checked against a deliberately broken fixture, so each one is
 * known to be able to fail.
 */
final class DesignRules {

  static final String DOMAIN = "io.gtfc.domain..";
  static final String PORTS = "io.gtfc.ports..";
  static final String USE_CASES = "io.gtfc.usecases..";
  static final String CLI = "io.gtfc.cli..";
  static final String GIT = "io.gtfc.git..";
  static final String SSH = "io.gtfc.ssh..";
  static final String WATCH = "io.gtfc.watch..";
  static final List<String> ADAPTER_ROOTS =
      List.of("io.gtfc.git", "io.gtfc.ssh", "io.gtfc.watch.inotify", "io.gtfc.watch.kqueue");

  /** The Immutables annotations: all the generated value classes reference, checked with javap. */
  private static final String IMMUTABLES = "org.immutables.value";

  private DesignRules() {}

  // 1. domain

  static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_IMMUTABLES =
      classes()
          .that().resideInAPackage(DOMAIN)
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, IMMUTABLES)
          .because("the domain is plain Java and Immutables: no I/O, no logging, no library types");

  // 2. ports and use cases

  static final ArchRule PORTS_DEPEND_ONLY_ON_DOMAIN_IMMUTABLES_AND_SLF4J =
      classes()
          .that().resideInAnyPackage(PORTS, USE_CASES)
          .should().onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN, PORTS, USE_CASES, IMMUTABLES, "org.slf4j..")
          .because("the application ring knows no adapter and no library but logging");

  /** STYLE 5: time comes in as a Clock and the environment through ports. */
  static final ArchRule CORE_NEVER_READS_THE_CLOCK_OR_THE_ENVIRONMENT =
      noClasses()
          .that().resideInAnyPackage(DOMAIN, PORTS, USE_CASES)
          .should().callMethodWhere(readTheClockOrTheEnvironment())
          .allowEmptyShould(true)
          .because("a cluster must be simulable in a unit test: Clock and ports are passed in");

  // 3. and 4. adapters

  static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER =
      slices()
          .assignedFrom(adapters())
          .should().notDependOnEachOther()
          .allowEmptyShould(true)
          .because("a new transport is one new adapter module plus one Dagger module");

  static final ArchRule ADAPTERS_DO_NOT_CALL_USE_CASES =
      noClasses()
          .that().resideInAnyPackage(GIT, SSH, WATCH)
          .should().dependOnClassesThat().resideInAPackage(USE_CASES)
          .allowEmptyShould(true)
          .because("adapters implement ports; only app-cli drives use cases");

  // 5. each library stays in its adapter

  static final ArchRule JGIT_ONLY_IN_GIT_AND_SSH_ADAPTERS =
      libraryOnlyIn("org.eclipse.jgit..", GIT, SSH);

  static final ArchRule SSHD_ONLY_IN_SSH_ADAPTER = libraryOnlyIn("org.apache.sshd..", SSH);

  static final ArchRule BOUNCY_CASTLE_ONLY_IN_SSH_ADAPTER =
      libraryOnlyIn("org.bouncycastle..", SSH);

  static final ArchRule JNA_ONLY_IN_WATCH_ADAPTERS = libraryOnlyIn("com.sun.jna..", WATCH);

  static final ArchRule DAGGER_ONLY_IN_CLI = libraryOnlyIn("dagger..", CLI);

  static final ArchRule PICOCLI_ONLY_IN_CLI = libraryOnlyIn("picocli..", CLI);

  /** STYLE 7: JNA Structures stay in an internal package. */
  static final ArchRule JNA_STRUCTURES_STAY_INTERNAL =
      classes()
          .that().areAssignableTo("com.sun.jna.Structure")
          .should().resideInAPackage("..internal..")
          .allowEmptyShould(true)
          .because("native memory layouts are an implementation detail of a watcher");

  // 6. cycles

  static final ArchRule MODULES_ARE_FREE_OF_CYCLES =
      slices().matching("io.gtfc.(*)..").should().beFreeOfCycles();

  static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES =
      slices().matching("io.gtfc.(**)").should().beFreeOfCycles();

  // 7. naming (STYLE 1)

  static final ArchRule NO_IMPL_SUFFIX =
      noClasses()
          .that(areNotGeneratedByDagger())
          .should().haveSimpleNameEndingWith("Impl")
          .because("adapters are named technology + port, e.g. JGitVersionStore");

  static final ArchRule NO_PORT_SUFFIX =
      noClasses()
          .should().haveSimpleNameEndingWith("Port")
          .because("ports are named by role in the domain's language, e.g. VersionStore");

  static final ArchRule NO_USE_CASE_SUFFIX =
      noClasses()
          .should().haveSimpleNameEndingWith("UseCase")
          .because("a use case is named by its verb, e.g. PushChanges");

  static final ArchRule NO_I_PREFIX_ON_INTERFACES =
      noClasses()
          .that().areInterfaces()
          .should().haveNameMatching(".*[.$]I[A-Z][a-z][^.$]*")
          .because("interfaces are named by role, not marked as interfaces");

  static final ArchRule NO_NAMES_THAT_CLASH_WITH_LIBRARIES =
      noClasses()
          .should().haveSimpleName("Repository")
          .orShould().haveSimpleName("Transport")
          .orShould().haveSimpleName("KeyStore")
          .because("Repository and Transport are JGit's, KeyStore is the JDK's");

  // STYLE 8: no JVM-wide state

  /**
   * The one exception is the program's entry point, {@code io.gtfc.cli.Gtfc.main}: it owns the
   * process and sets the log level (slf4j-simple reads it once, from a system property) before
   * anything else runs; tests call {@code Gtfc.run}, never {@code main}.
   */
  static final ArchRule NO_JVM_WIDE_STATE =
      noClasses()
          .should().callMethodWhere(setJvmWideStateOutsideMain())
          .because("several nodes must run in one test JVM");

  private static ArchRule libraryOnlyIn(String library, String... allowedPackages) {
    return noClasses()
        .that().resideOutsideOfPackages(allowedPackages)
        .should().dependOnClassesThat().resideInAPackage(library)
        .because("library types are translated once, at the edge");
  }

  /** One slice per adapter; every other class is left out. */
  private static SliceAssignment adapters() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        return ADAPTER_ROOTS.stream()
            .filter(root -> pkg.equals(root) || pkg.startsWith(root + "."))
            .findFirst()
            .map(SliceIdentifier::of)
            .orElseGet(SliceIdentifier::ignore);
      }

      @Override
      public String getDescription() {
        return "adapters " + String.join(", ", ADAPTER_ROOTS);
      }
    };
  }

  private static DescribedPredicate<JavaMethodCall> setJvmWideStateOutsideMain() {
    Set<String> systemWrites = Set.of("setProperty", "clearProperty", "setProperties");
    return DescribedPredicate.describe(
        "set JVM-wide state (System.setProperty, clearProperty, setProperties,"
            + " SshSessionFactory.setInstance) anywhere but io.gtfc.cli.Gtfc.main",
        call -> {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          boolean jvmWide = owner.equals("java.lang.System") && systemWrites.contains(name)
              || owner.equals("org.eclipse.jgit.transport.SshSessionFactory") && name.equals("setInstance");
          boolean entryPoint = call.getOrigin().getOwner().getName().equals("io.gtfc.cli.Gtfc")
              && call.getOrigin().getName().equals("main");
          return jvmWide && !entryPoint;
        });
  }

  private static DescribedPredicate<JavaMethodCall> readTheClockOrTheEnvironment() {
    Set<String> systemReads =
        Set.of("currentTimeMillis", "nanoTime", "getenv", "getProperty", "getProperties");
    return DescribedPredicate.describe(
        "read the clock or the environment",
        call -> {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          return owner.equals("java.lang.System") && systemReads.contains(name)
              || owner.startsWith("java.time.") && name.equals("now")
              || owner.equals("java.time.Clock") && name.startsWith("system");
        });
  }

  /**
   * Dagger nests its component implementation ({@code DaggerX.XImpl}) in a class marked
   * {@code @DaggerGenerated}; we do not name those classes.
   */
  private static DescribedPredicate<JavaClass> areNotGeneratedByDagger() {
    return DescribedPredicate.describe(
        "are not generated by Dagger",
        javaClass -> {
          for (Optional<JavaClass> c = Optional.of(javaClass);
              c.isPresent();
              c = c.get().getEnclosingClass()) {
            if (c.get().isAnnotatedWith("dagger.internal.DaggerGenerated")) {
              return false;
            }
          }
          return true;
        });
  }
}
