package io.warren.instrumentation.http.bootstrap;

/**
 * The request methods the conventions know. Any other is recorded as {@code _OTHER}, and the
 * span is named {@code HTTP}: a method is chosen by the caller, so it must not make span names
 * (and Zipkin's index of them) grow without bound.
 */
final class HttpMethods {

  static final String OTHER = "_OTHER";

  private static final String[] KNOWN = {
    "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "CONNECT", "TRACE"
  };

  private HttpMethods() {}

  /** The method as the conventions record it: one of the known ones, or {@code _OTHER}. */
  static String normalized(String method) {
    if (method != null) {
      for (String known : KNOWN) {
        if (known.equals(method)) {
          return known;
        }
      }
    }
    return OTHER;
  }
}
