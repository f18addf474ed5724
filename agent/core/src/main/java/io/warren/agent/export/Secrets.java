package io.warren.agent.export;

import io.warren.agent.api.Settings;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The OTLP header values (API keys, tokens) the user configured, which no Warren line may show.
 * Warren never prints them on purpose; this is the net under the messages it did not write
 * itself (an exception's message, a rejected configuration).
 */
public final class Secrets {

  public static final String HEADERS = "otel.exporter.otlp.headers";
  public static final String TRACES_HEADERS = "otel.exporter.otlp.traces.headers";
  public static final String MASK = "***";

  private Secrets() {}

  /** {@code text} with every configured header value, raw or decoded, replaced by {@code ***}. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String secret : values()) {
      redacted = redacted.replace(secret, MASK);
    }
    return redacted;
  }

  /**
   * The values of both header settings; a malformed entry counts as a value whole, since a
   * mistyped separator ({@code key:value}) leaves the secret in it.
   */
  static List<String> values() {
    List<String> values = new ArrayList<String>();
    for (String key : new String[] {HEADERS, TRACES_HEADERS}) {
      String setting = Settings.get(key);
      if (setting == null) {
        continue;
      }
      for (String entry : setting.split(",")) {
        int equals = entry.indexOf('=');
        String value = (equals < 0 ? entry : entry.substring(equals + 1)).trim();
        if (!value.isEmpty()) {
          values.add(value);
          String decoded = decoded(value);
          if (decoded != null && !decoded.isEmpty() && !decoded.equals(value)) {
            values.add(decoded);
          }
        }
      }
    }
    return values;
  }

  /** The value as the exporter sends it (headers are URL-encoded in the setting), or null. */
  public static String decoded(String value) {
    try {
      return URLDecoder.decode(value, "UTF-8");
    } catch (IllegalArgumentException | UnsupportedEncodingException e) {
      return null;
    }
  }
}
