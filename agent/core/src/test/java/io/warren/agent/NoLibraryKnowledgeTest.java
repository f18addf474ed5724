package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundary, checked on every build: the bridge and the core know no messaging, logging
 * or HTTP library. Names of libraries, their header rules and span semantics live in the
 * instrumentation modules; a file under agent/bootstrap or agent/core (sources, tests and poms)
 * that names one fails this test.
 */
class NoLibraryKnowledgeTest {

  /** Built from pieces, so that this file does not match itself. */
  private static final List<String> LIBRARIES = List.of(
      "rab" + "bit", "am" + "qp", "spring" + "framework", "log" + "back", "log4" + "j", "slf" + "4j",
      "jakarta" + ".servlet", "org.apache" + ".hc");

  /** The JDK's HTTP server, which instrumentation-jdk-http instruments. */
  private static final String JDK_HTTP_SERVER = "httpser" + "ver";

  private static final Pattern LIBRARY_NAMES =
      Pattern.compile(String.join("|", LIBRARIES) + "|" + JDK_HTTP_SERVER);

  @Test
  void bridgeAndCoreNameNoLibrary() throws IOException {
    Path agent = Paths.get(System.getProperty("user.dir")).getParent();
    List<Path> roots = List.of(agent.resolve("bootstrap"), agent.resolve("core"));
    List<String> offending;
    int checked;
    try (Stream<Path> files = roots.stream().flatMap(NoLibraryKnowledgeTest::sourceFiles)) {
      List<Path> all = files.collect(Collectors.toList());
      checked = all.size();
      offending = all.stream().filter(NoLibraryKnowledgeTest::namesALibrary)
          .map(Path::toString).sorted().collect(Collectors.toList());
    }
    assertTrue(checked > 40, "the check found only " + checked + " files under " + roots);
    assertEquals(List.of(), offending, "files under agent/bootstrap or agent/core that name a library");
  }

  private static Stream<Path> sourceFiles(Path root) {
    try {
      return Files.walk(root)
          .filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("/target/"))
          .filter(p -> p.toString().endsWith(".java") || p.getFileName().toString().equals("pom.xml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean namesALibrary(Path file) {
    try {
      return LIBRARY_NAMES.matcher(Files.readString(file).toLowerCase(Locale.ROOT)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
