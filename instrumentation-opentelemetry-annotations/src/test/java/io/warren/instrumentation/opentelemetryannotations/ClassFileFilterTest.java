package io.warren.instrumentation.opentelemetryannotations;

import io.warren.agent.ClassFileFilterCheck;
import com.example.shop.Shop;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent's class-file filter lets through every application class this module
 * instruments, though the annotation that selects them is in none of their methods' signatures.
 */
class ClassFileFilterTest {

  @Test
  void everyClassWithAnAnnotatedMethodGetsThroughTheAgentsFilter(@TempDir Path folder)
      throws IOException, URISyntaxException {
    Path jar = jarOfTheApplication(folder.resolve("application.jar"));

    ClassFileFilterCheck.inJars(new OpenTelemetryAnnotationsInstrumentationModule(),
            getClass().getClassLoader(), List.of(jar))
        .assertInstrumentsAndLetsThrough(Shop.class.getName());
  }

  /** The test application's classes, as the jar an application ships. */
  private static Path jarOfTheApplication(Path jar) throws IOException, URISyntaxException {
    Path classes = Path.of(Shop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path application = classes.resolve(Shop.class.getPackageName().replace('.', '/'));
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.list(application)) {
      for (Path classFile : (Iterable<Path>) files::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(classFile));
        out.closeEntry();
      }
    }
    return jar;
  }
}
