package io.warren.agent.api.helpers;

/** Stands for a library's interface that a module's helper implements. */
public interface Library {
  String greet(String name);
}
