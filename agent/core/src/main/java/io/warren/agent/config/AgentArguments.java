package io.warren.agent.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent's settings as its one argument string ({@code agentmain}'s, {@code premain}'s):
 * {@code key=value} pairs joined by commas. In keys and values, '%', ',', '=' and every
 * character outside printable ASCII are written as {@code %XX} (UTF-8 bytes), so a value with
 * spaces, commas, '=' or any letter survives the attach protocol unchanged; a hand-written
 * {@code -javaagent:warren-agent.jar=warren.debug=true,otel.service.name=orders} reads the same
 * way.
 */
public final class AgentArguments {

  private AgentArguments() {}

  public static String encode(Map<String, String> settings) {
    StringBuilder encoded = new StringBuilder();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      if (encoded.length() > 0) {
        encoded.append(',');
      }
      escape(setting.getKey(), encoded);
      encoded.append('=');
      escape(setting.getValue(), encoded);
    }
    return encoded.toString();
  }

  /**
   * The settings in {@code arguments} (none when it is null or blank); a part that is not
   * {@code key=value} is reported to {@code problems} and left out.
   */
  public static Map<String, String> decode(String arguments, Consumer<String> problems) {
    Map<String, String> settings = new LinkedHashMap<String, String>();
    if (arguments == null || arguments.trim().isEmpty()) {
      return settings;
    }
    for (String part : arguments.split(",", -1)) {
      int equals = part.indexOf('=');
      String key = equals < 0 ? "" : unescape(part.substring(0, equals)).trim();
      if (key.isEmpty()) {
        if (!part.trim().isEmpty()) {
          problems.accept("agent argument '" + part + "' is not key=value; ignored");
        }
        continue;
      }
      settings.put(key, unescape(part.substring(equals + 1)));
    }
    return settings;
  }

  private static void escape(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x20 || c > 0x7e || c == '%' || c == ',' || c == '=') {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        out.append((char) c);
      }
    }
  }

  /** Reverses {@link #escape}; a '%' not followed by two hex digits stands for itself. */
  private static String unescape(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (text.charAt(i) == '%' && high >= 0 && low >= 0) {
        bytes.write(high << 4 | low);
        i += 3;
      } else {
        int next = text.indexOf('%', i + 1);
        int end = next < 0 ? text.length() : next;
        byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i = end;
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }
}
