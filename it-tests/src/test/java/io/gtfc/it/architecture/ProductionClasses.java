package io.gtfc.it.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * The classes of every gtfc module as they ship: no test classes, so neither the fixtures of
 * this suite nor the fakes of the ports test-jar take part in the real check.
 */
final class ProductionClasses {

  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

  /** Imported once per JVM; the import is the slow part of the suite. */
  static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ProductionClasses::isNotInATestJar)
          .importPackages("io.gtfc");

  private ProductionClasses() {}

  /** Maven resolves a reactor test-jar to target/test-classes or, after package, to a -tests.jar. */
  static boolean isNotInATestJar(Location location) {
    return !location.matches(TEST_JAR);
  }
}
