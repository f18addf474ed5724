package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanStart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Destinations the user chose not to trace ({@code warren.messaging.exclude}: glob patterns,
 * comma-separated, {@code *} for any run of characters and {@code ?} for one), matched against
 * the exchange a message is published to (on the default exchange, the routing key: the queue's
 * name) and the queue it is consumed from. No span is made for them, but the trace still flows
 * through: a publish passes the current context on, and a consumer's handler runs with the
 * producer's context current, unless {@code warren.messaging.exclude.propagate} is false.
 */
public final class Exclusions {

  /** Answers per destination name; a service uses few, and at most this many are kept. */
  private static final int MAX_CACHED = 1024;

  private static volatile Pattern[] patterns = new Pattern[0];
  private static volatile boolean propagate = true;
  private static final ConcurrentHashMap<String, Boolean> ANSWERS = new ConcurrentHashMap<String, Boolean>();

  private Exclusions() {}

  /** The settings' values: patterns separated by commas (blank: none). */
  public static void configure(String globs, boolean passContext) {
    List<Pattern> compiled = new ArrayList<Pattern>();
    if (globs != null) {
      for (String glob : globs.split(",")) {
        if (!glob.trim().isEmpty()) {
          compiled.add(toPattern(glob.trim()));
        }
      }
    }
    ANSWERS.clear();
    patterns = compiled.toArray(new Pattern[0]);
    propagate = passContext;
  }

  /** Marks {@code span} untraced when {@code destination} is excluded; returns it. */
  static SpanStart apply(SpanStart span, String destination) {
    if (patterns.length != 0 && destination != null && isExcluded(destination)) {
      return propagate ? span.contextOnly() : span.skip();
    }
    return span;
  }

  static boolean isExcluded(String destination) {
    Boolean answer = ANSWERS.get(destination);
    if (answer == null) {
      answer = Boolean.FALSE;
      for (Pattern pattern : patterns) {
        if (pattern.matcher(destination).matches()) {
          answer = Boolean.TRUE;
          break;
        }
      }
      if (ANSWERS.size() < MAX_CACHED) {
        ANSWERS.put(destination, answer);
      }
    }
    return answer;
  }

  private static Pattern toPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
