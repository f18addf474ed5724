package io.warren.instrumentation.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ module's API for the modules built on it (Spring AMQP's, Vert.x's, any later one),
 * checked on every build. Advice inlined into a library's classes can only call public helpers,
 * so Java cannot hide the rest of this module's bootstrap package: this test does. Every module
 * whose pom depends on this one may name, in its main sources (imports, qualified names, advice
 * class names in strings), only the classes of {@value #API_PACKAGE} listed in {@link #API}.
 */
class ApiBoundaryTest {

  private static final String MODULE_PACKAGE = "io.warren.instrumentation.rabbitmq";

  static final String API_PACKAGE = "io.warren.instrumentation.rabbitmq.bootstrap.api";

  /** What other modules may use; a class added to the API package is added here on purpose. */
  static final Set<String> API = Set.of("DeliverySpan", "Subscriptions", "ThreadDeliveries");

  /** Depends on this module but is not built on it: the benchmarks measure its own advice's path. */
  static final Set<String> NOT_BUILT_ON_IT = Set.of("benchmarks");

  private static final Pattern REFERENCE =
      Pattern.compile(Pattern.quote(MODULE_PACKAGE) + "\\.[A-Za-z0-9_.*]*");

  private static final Path ROOT = Paths.get(System.getProperty("user.dir")).getParent();

  @Test
  void theApiPackageHoldsTheListedClasses() throws IOException {
    Path api = Paths.get(System.getProperty("user.dir"), "src/main/java", API_PACKAGE.replace('.', '/'));
    Set<String> classes;
    try (Stream<Path> files = Files.list(api)) {
      classes = files.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".java") && !name.equals("package-info.java"))
          .map(name -> name.substring(0, name.length() - ".java".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(API), classes, "the classes of " + api);
    assertTrue(Files.exists(api.resolve("package-info.java")), "the API is documented");
  }

  @Test
  void modulesBuiltOnThisOneUseOnlyItsApi() {
    List<Path> dependents = dependentModules();
    List<String> names = dependents.stream().map(m -> ROOT.relativize(m).toString()).collect(Collectors.toList());
    assertTrue(names.containsAll(List.of("instrumentation-spring-rabbit", "instrumentation-vertx-rabbitmq")),
        "the modules that depend on this one, found from their poms: " + names);

    List<String> offending = new ArrayList<>();
    for (Path module : dependents) {
      if (!NOT_BUILT_ON_IT.contains(ROOT.relativize(module).toString())) {
        javaFiles(module.resolve("src/main/java")).forEach(file -> offending.addAll(nonApiReferences(file)));
      }
    }
    assertEquals(List.of(), offending,
        "references to the RabbitMQ module outside its API (" + API_PACKAGE + ": " + new TreeSet<>(API) + ")");
  }

  /** Every module under the root, this one excepted, whose pom names this module's artifact. */
  private static List<Path> dependentModules() {
    try (Stream<Path> poms = Files.walk(ROOT, 3)) {
      return poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/target/"))
          .map(Path::getParent)
          .filter(module -> !module.equals(Paths.get(System.getProperty("user.dir"))))
          .filter(module -> read(module.resolve("pom.xml"))
              .contains("<artifactId>warren-instrumentation-rabbitmq</artifactId>"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> nonApiReferences(Path file) {
    List<String> found = new ArrayList<>();
    String[] lines = read(file).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher reference = REFERENCE.matcher(lines[i]);
      while (reference.find()) {
        if (!isApi(reference.group())) {
          found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + reference.group());
        }
      }
    }
    return found;
  }

  /** {@code <API_PACKAGE>.<listed class>}, a member or nested class of one, or the package's {@code *}. */
  static boolean isApi(String reference) {
    if (!reference.startsWith(API_PACKAGE + ".")) {
      return false;
    }
    String name = reference.substring(API_PACKAGE.length() + 1).split("\\.")[0];
    return name.equals("*") || API.contains(name);
  }

  private static Stream<Path> javaFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    try {
      return Files.walk(root).filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
