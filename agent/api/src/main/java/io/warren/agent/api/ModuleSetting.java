package io.warren.agent.api;

import io.warren.bootstrap.WarrenLog;

/**
 * A setting a module declares: its name (a system property, or the environment variable made
 * from it), its default, and which values are valid. A value that is not valid gets one warning
 * and the default, never an exception.
 */
public final class ModuleSetting {

  /** Decides whether a value is usable. */
  public interface Validator {
    boolean accepts(String value);
  }

  public static final Validator TRUE_OR_FALSE =
      value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");

  private final String name;
  private final String defaultValue;
  private final String meaning;
  private final Validator validator;

  public ModuleSetting(String name, String defaultValue, String meaning, Validator validator) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
    this.validator = validator;
  }

  public String name() {
    return name;
  }

  public String defaultValue() {
    return defaultValue;
  }

  /** What the setting does, as the README's configuration table says it. */
  public String meaning() {
    return meaning;
  }

  /** The value set by the user, or the default when none is set or the value is not valid. */
  public String value() {
    String value = Settings.get(name);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    if (!validator.accepts(value)) {
      WarrenLog.warn(name + "=" + value + " is not valid (" + meaning + "); using " + defaultValue);
      return defaultValue;
    }
    return value;
  }
}
