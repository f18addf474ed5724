package io.warren.agent;

import io.warren.bootstrap.WarrenLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The modules' bootstrap packages ({@code io.warren.instrumentation.<name>.bootstrap}), defined in
 * the boot loader only once something needs them: an application that never loads a module's
 * library never pays for its classes. A package is defined, with every other one its classes
 * name, before the first class file that names it is handed back to the JVM (the advice inlined
 * there calls it), and before a module class that names it is made (a module may set its
 * bootstrap classes up from its constructor). Nothing else may touch a bootstrap package first.
 */
final class BootClassGroups {

  /** Defines classes in the boot loader: the caller orders nothing, supertypes may come later. */
  interface Definer {
    void define(Map<String, byte[]> classes) throws Exception;
  }

  private static final String PREFIX = "io/warren/instrumentation/";
  private static final byte[] INTERNAL = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BINARY = PREFIX.replace('/', '.').getBytes(StandardCharsets.US_ASCII);
  private static final String BOOTSTRAP = "bootstrap";

  private final Definer definer;
  /** Guarded by this: the packages not defined yet, by the name after {@link #PREFIX}. */
  private final Map<String, Map<String, byte[]>> pending;
  /** The packages each package's classes name, its own left out. */
  private final Map<String, Set<String>> uses = new HashMap<String, Set<String>>();

  private BootClassGroups(Map<String, Map<String, byte[]>> groups, Definer definer) {
    this.pending = groups;
    this.definer = definer;
    for (Map.Entry<String, Map<String, byte[]>> group : groups.entrySet()) {
      Set<String> named = new HashSet<String>();
      for (byte[] classFile : group.getValue().values()) {
        named.addAll(namedIn(classFile));
      }
      named.remove(group.getKey());
      uses.put(group.getKey(), named);
    }
  }

  /** Nothing left to define: the packages are on the boot class path already, say. */
  static BootClassGroups none() {
    return new BootClassGroups(new HashMap<String, Map<String, byte[]>>(), classes -> {});
  }

  /**
   * Takes the modules' bootstrap packages out of {@code classes} (binary names to class files),
   * which keeps the bridge, to be defined now; those taken are defined with {@code definer} when
   * needed.
   */
  static BootClassGroups takenFrom(Map<String, byte[]> classes, Definer definer) {
    Map<String, Map<String, byte[]>> groups = new HashMap<String, Map<String, byte[]>>();
    for (Iterator<Map.Entry<String, byte[]>> it = classes.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, byte[]> type = it.next();
      String group = groupOf(type.getKey());
      if (group != null) {
        groups.computeIfAbsent(group, g -> new TreeMap<String, byte[]>())
            .put(type.getKey(), type.getValue());
        it.remove();
      }
    }
    return new BootClassGroups(groups, definer);
  }

  /**
   * Defines the packages this class file names (and those they name) that are not defined yet.
   *
   * @throws Exception when the boot loader refused them; the caller must then not hand out code
   *     that calls them
   */
  void defineNamedIn(byte[] classFile) throws Exception {
    Set<String> named = namedIn(classFile);
    if (!named.isEmpty()) {
      define(named);
    }
  }

  /** The real transformer, defining what each class it changes names before handing it back. */
  ClassFileTransformer definingFor(ClassFileTransformer transformer) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(Module module, ClassLoader loader, String className,
          Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile)
          throws IllegalClassFormatException {
        byte[] changed = transformer.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classFile);
        if (changed == null) {
          return null;
        }
        try {
          defineNamedIn(changed);
          return changed;
        } catch (Throwable t) {
          WarrenLog.warn("could not instrument " + className
              + ": the classes its advice calls could not be defined: " + t);
          return null;
        }
      }
    };
  }

  private synchronized void define(Set<String> named) throws Exception {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, byte[]> classes = new TreeMap<String, byte[]>();
    Set<String> groups = new HashSet<String>();
    Deque<String> toVisit = new ArrayDeque<String>(named);
    while (!toVisit.isEmpty()) {
      String group = toVisit.pop();
      Map<String, byte[]> groupClasses = pending.get(group);
      if (groupClasses != null && groups.add(group)) {
        classes.putAll(groupClasses);
        toVisit.addAll(uses.getOrDefault(group, Collections.<String>emptySet()));
      }
    }
    if (!classes.isEmpty()) {
      definer.define(classes);
      pending.keySet().removeAll(groups);
    }
  }

  /** The bootstrap packages a class file names, in internal or binary form. */
  static Set<String> namedIn(byte[] classFile) {
    Set<String> named = new HashSet<String>();
    collect(classFile, INTERNAL, '/', named);
    collect(classFile, BINARY, '.', named);
    return named;
  }

  private static void collect(byte[] classFile, byte[] prefix, char separator, Set<String> named) {
    for (int i = indexOf(classFile, prefix, 0); i >= 0; i = indexOf(classFile, prefix, i + 1)) {
      String group = groupOf(classFile, i + prefix.length, separator);
      if (group != null) {
        named.add(group);
      }
    }
  }

  /** "x" for the binary name "io.warren.instrumentation.x.bootstrap.Y", else null. */
  private static String groupOf(String binaryName) {
    return binaryName.startsWith(PREFIX.replace('/', '.'))
        ? groupOf(binaryName.getBytes(StandardCharsets.US_ASCII), BINARY.length, '.')
        : null;
  }

  /** "x" if "x" + separator + "bootstrap" + separator starts at {@code start}, else null. */
  private static String groupOf(byte[] bytes, int start, char separator) {
    int end = start;
    while (end < bytes.length && bytes[end] != separator && isNamePart(bytes[end])) {
      end++;
    }
    if (end == start || end >= bytes.length || bytes[end] != separator) {
      return null;
    }
    int next = end + 1;
    for (int i = 0; i < BOOTSTRAP.length(); i++) {
      if (next + i >= bytes.length || bytes[next + i] != BOOTSTRAP.charAt(i)) {
        return null;
      }
    }
    int after = next + BOOTSTRAP.length();
    if (after >= bytes.length || bytes[after] != separator) {
      return null;
    }
    return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
  }

  private static boolean isNamePart(byte b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_';
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    outer:
    for (int i = from; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
