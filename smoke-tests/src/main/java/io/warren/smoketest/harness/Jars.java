package io.warren.smoketest.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Jars the build copied into a folder of their own (a library version to put on a class path). */
public final class Jars {
  private Jars() {}

  /** The jars in {@code folder}, in name order, as a class path. */
  public static String classpathOf(Path folder) {
    try (Stream<Path> jars = Files.list(folder)) {
      return jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException("missing " + folder + " (copied by mvn package)", e);
    }
  }
}
