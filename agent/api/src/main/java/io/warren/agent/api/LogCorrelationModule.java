package io.warren.agent.api;

import java.util.Collections;
import java.util.List;

/**
 * What every log-correlation module shares: the {@code warren.logs.mdc.*} settings, one class
 * instrumented where a log event gets its context data, and no waiting for the agent's start.
 * Switched off by {@code warren.logs.mdc.enabled=false}, a module names nothing, so none of its
 * library's classes is looked at.
 */
public abstract class LogCorrelationModule implements InstrumentationModule {

  private final boolean enabled;

  /** Reads the shared log-correlation settings (and sets the keys the advice writes). */
  protected LogCorrelationModule() {
    enabled = LogCorrelationSettings.load();
  }

  /** A descriptor (part) that only the instrumented method of the library mentions. */
  protected abstract String eventMethodDescriptor();

  /** The instrumentation of the class where a log event gets its context data. */
  protected abstract TypeInstrumentation eventInstrumentation();

  @Override
  public final List<String> referencedTypes() {
    return enabled
        ? Collections.singletonList(eventMethodDescriptor())
        : Collections.<String>emptyList();
  }

  /**
   * Before the agent has started no span can be current, so an event logged then gets no ids
   * anyway: the application's first log call does not wait for the start, and the class is
   * instrumented once the agent has started.
   */
  @Override
  public final boolean needsClassesFromStart() {
    return false;
  }

  @Override
  public final List<TypeInstrumentation> typeInstrumentations() {
    return enabled
        ? Collections.singletonList(eventInstrumentation())
        : Collections.<TypeInstrumentation>emptyList();
  }

  @Override
  public final List<ModuleSetting> settings() {
    return LogCorrelationSettings.ALL;
  }
}
