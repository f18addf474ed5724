package io.warren.instrumentation.rabbitmq.bootstrap;

/** Why the broker dead-lettered a message, as its x-death entry says: one of four, or other. */
final class DeadLetterReason {

  private static final String[] KNOWN = {"rejected", "expired", "maxlen", "delivery_limit"};

  private DeadLetterReason() {}

  /** The broker's reason (a LongString or String), as one of the known constants. */
  static String of(Object reason) {
    if (reason != null) {
      String text = reason.toString();
      for (String known : KNOWN) {
        if (known.equals(text)) {
          return known;
        }
      }
    }
    return "other";
  }
}
