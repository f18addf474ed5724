package io.warren.bootstrap;

/**
 * The key of a span attribute: its name and value type. Modules keep their keys in constants,
 * so the tracing core converts each key to its own form once, not for every span.
 */
public final class SpanAttribute {

  public enum Type {
    STRING,
    LONG,
    BOOLEAN,
    STRING_LIST
  }

  private final String name;
  private final Type type;
  /** The tracing core's form of this key, made on first use; set by the core only. */
  private volatile Object converted;

  private SpanAttribute(String name, Type type) {
    this.name = name;
    this.type = type;
  }

  public static SpanAttribute string(String name) {
    return new SpanAttribute(name, Type.STRING);
  }

  public static SpanAttribute longValue(String name) {
    return new SpanAttribute(name, Type.LONG);
  }

  public static SpanAttribute flag(String name) {
    return new SpanAttribute(name, Type.BOOLEAN);
  }

  public static SpanAttribute stringList(String name) {
    return new SpanAttribute(name, Type.STRING_LIST);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Object converted() {
    return converted;
  }

  public void converted(Object value) {
    converted = value;
  }

  @Override
  public String toString() {
    return name;
  }
}
