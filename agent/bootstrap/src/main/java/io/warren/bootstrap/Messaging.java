package io.warren.bootstrap;

/**
 * The static entry point that advice calls. It holds the tracer the agent installed (a no-op
 * until then) and guarantees that nothing the tracer does can throw into the application.
 */
public final class Messaging {

  private static volatile MessagingTracer tracer = MessagingTracer.NOOP;

  private Messaging() {}

  public static void install(MessagingTracer installed) {
    tracer = installed == null ? MessagingTracer.NOOP : installed;
  }

  public static Object startPublish(MessageDetails message) {
    try {
      return tracer.startPublish(message);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  public static Object startProcess(MessageDetails message) {
    try {
      return tracer.startProcess(message);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  public static void recordReceive(MessageDetails message, long startEpochNanos, Throwable error) {
    try {
      tracer.recordReceive(message, startEpochNanos, error);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }

  public static void end(Object handle, Throwable error) {
    if (handle == null) {
      return;
    }
    try {
      tracer.end(handle, error);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }

  /** Wall-clock time in nanoseconds, as spans record it. */
  public static long epochNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }
}
