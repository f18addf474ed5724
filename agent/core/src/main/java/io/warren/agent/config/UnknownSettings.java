package io.warren.agent.config;

import io.warren.agent.api.Settings;
import io.warren.bootstrap.WarrenLog;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Setting names under one prefix ({@code warren.}, {@code otel.}) that nothing reads: typos.
 * Each gets one warning naming the closest known name, whichever of the three places it came
 * from: the agent's own settings, a system property, an environment variable.
 */
public final class UnknownSettings {

  private final String prefix;
  private final Set<String> known;
  private final Set<String> knownEnvironment = new TreeSet<String>();
  /** Prefixes of names others read (see OtelSettingNames), never warned about. */
  private final List<String> othersPrefixes;
  /** Appended to every warning (such as the list of known names), or "". */
  private final String hint;

  UnknownSettings(String prefix, Collection<String> known, List<String> othersPrefixes, String hint) {
    this.prefix = prefix;
    this.known = new TreeSet<String>(known);
    this.othersPrefixes = othersPrefixes;
    this.hint = hint;
    for (String name : known) {
      knownEnvironment.add(Settings.environmentName(name));
    }
  }

  /** Warns about the unknown names among the agent's own settings. */
  void checkGiven(Collection<String> names) {
    for (String name : names) {
      if (isUnknown(name)) {
        WarrenLog.warn("unknown setting " + name + " (given to the agent) is ignored; did you mean "
            + closest(name, known) + "?" + hint);
      }
    }
  }

  void checkSystemProperties(Collection<String> names) {
    for (String name : names) {
      if (isUnknown(name)) {
        WarrenLog.warn("unknown setting -D" + name + " is ignored; did you mean "
            + closest(name, known) + "?" + hint);
      }
    }
  }

  void checkEnvironment(Map<String, String> environment) {
    String variablePrefix = Settings.environmentName(prefix);
    for (String name : environment.keySet()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.startsWith(variablePrefix) && !knownEnvironment.contains(name)
          && !isOthers(upper, true)) {
        WarrenLog.warn("unknown environment variable " + name + " is ignored; did you mean "
            + closest(upper, knownEnvironment) + "?" + hint);
      }
    }
  }

  private boolean isUnknown(String name) {
    return name.startsWith(prefix) && !known.contains(name) && !isOthers(name, false);
  }

  private boolean isOthers(String name, boolean environment) {
    for (String others : othersPrefixes) {
      if (name.startsWith(environment ? Settings.environmentName(others) : others)) {
        return true;
      }
    }
    return false;
  }

  /** The candidate fewest single-character edits away (the first such, in sorted order). */
  static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new TreeSet<String>(candidates)) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
