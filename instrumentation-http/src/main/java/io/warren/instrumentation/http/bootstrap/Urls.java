package io.warren.instrumentation.http.bootstrap;

/**
 * What of a URL a span may hold: scheme, host, port and path. User info (credentials) and the
 * query string (tokens, personal data) never reach a span, and neither does the fragment.
 */
public final class Urls {

  private Urls() {}

  /**
   * {@code url} without user info, query and fragment; null stays null. Works on the text, so it
   * never fails on a URL that {@link java.net.URI} would refuse.
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    int end = firstOf(url, '?', '#', 0);
    String kept = url.substring(0, end);
    int schemeEnd = kept.indexOf("://");
    if (schemeEnd < 0) {
      return kept;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = firstOf(kept, '/', '/', authorityStart);
    int at = kept.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return kept;
    }
    return kept.substring(0, authorityStart) + kept.substring(at + 1);
  }

  /** The port a URL means when it names none: 80 for http, 443 for https, else -1. */
  public static int defaultPort(String scheme) {
    if ("http".equalsIgnoreCase(scheme)) {
      return 80;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : -1;
  }

  private static int firstOf(String text, char one, char other, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == one || c == other) {
        return i;
      }
    }
    return text.length();
  }
}
