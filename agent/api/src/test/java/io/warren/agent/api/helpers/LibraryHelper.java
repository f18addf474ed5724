package io.warren.agent.api.helpers;

/** A module's helper: implements the library's interface, so it must live beside the library. */
public final class LibraryHelper implements Library {
  @Override
  public String greet(String name) {
    return "hello " + name + " from " + Library.class.getName();
  }
}
