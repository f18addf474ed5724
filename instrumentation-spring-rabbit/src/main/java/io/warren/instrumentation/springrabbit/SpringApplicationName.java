package io.warren.instrumentation.springrabbit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The application's {@code spring.application.name}, found where Spring Boot looks for it, in
 * Boot's order: the command line ({@code --spring.application.name=...}), a system property, the
 * environment ({@code SPRING_APPLICATION_NAME}), then {@code application.properties} or
 * {@code application.yml} in the Boot jar or on the class path. Read once at start-up, before
 * Spring runs; profiles and config-server values are beyond it.
 */
final class SpringApplicationName {

  private static final String KEY = "spring.application.name";
  private static final String[] FILES = {"application.properties", "application.yml", "application.yaml"};

  private SpringApplicationName() {}

  /** The name, or null when the application sets none. */
  static String find() {
    String command = System.getProperty("sun.java.command", "");
    String name = fromCommandLine(command);
    if (name == null) {
      name = System.getProperty(KEY);
    }
    if (name == null) {
      name = System.getenv("SPRING_APPLICATION_NAME");
    }
    if (name == null) {
      name = fromFiles(bootJarOf(command));
    }
    return name == null || name.trim().isEmpty() ? null : name.trim();
  }

  static String fromCommandLine(String command) {
    String prefix = "--" + KEY + "=";
    for (String argument : command.split("\\s+")) {
      if (argument.startsWith(prefix)) {
        return argument.substring(prefix.length());
      }
    }
    return null;
  }

  /** The jar of {@code java -jar app.jar ...}, or null. */
  private static String bootJarOf(String command) {
    String first = command.trim().split("\\s+")[0];
    return first.endsWith(".jar") ? first : null;
  }

  private static String fromFiles(String jar) {
    for (String file : FILES) {
      try {
        String name = jar == null ? fromClassPath(file) : fromJar(jar, "BOOT-INF/classes/" + file);
        if (name == null && jar != null) {
          name = fromClassPath(file);
        }
        if (name != null) {
          return name;
        }
      } catch (IOException | RuntimeException e) {
        // an unreadable file names nothing
      }
    }
    return null;
  }

  private static String fromJar(String jar, String entry) throws IOException {
    try (JarFile file = new JarFile(jar)) {
      ZipEntry found = file.getEntry(entry);
      if (found == null) {
        return null;
      }
      try (InputStream in = file.getInputStream(found)) {
        return parse(entry, in);
      }
    }
  }

  private static String fromClassPath(String file) throws IOException {
    URL url = ClassLoader.getSystemResource(file);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return parse(file, in);
    }
  }

  private static String parse(String file, InputStream in) throws IOException {
    if (file.endsWith(".properties")) {
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties.getProperty(KEY);
    }
    return fromYaml(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
  }

  /** Enough YAML for {@code spring: application: name: x} and the dotted form, first document only. */
  static String fromYaml(BufferedReader yaml) throws IOException {
    List<String> path = new ArrayList<String>();
    List<Integer> indents = new ArrayList<Integer>();
    for (String line; (line = yaml.readLine()) != null; ) {
      if (line.startsWith("---") && !path.isEmpty()) {
        break;
      }
      String content = line.trim();
      if (content.isEmpty() || content.startsWith("#") || content.startsWith("-")) {
        continue;
      }
      int colon = content.indexOf(':');
      if (colon < 0) {
        continue;
      }
      int indent = line.indexOf(content);
      while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
        indents.remove(indents.size() - 1);
        path.remove(path.size() - 1);
      }
      String key = content.substring(0, colon).trim();
      String value = content.substring(colon + 1).trim();
      String full = path.isEmpty() ? key : String.join(".", path) + "." + key;
      if (value.isEmpty()) {
        path.add(key);
        indents.add(indent);
      } else if (full.equals(KEY)) {
        return unquoted(value);
      }
    }
    return null;
  }

  private static String unquoted(String value) {
    int comment = value.indexOf(" #");
    if (comment >= 0) {
      value = value.substring(0, comment).trim();
    }
    if (value.length() >= 2
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
