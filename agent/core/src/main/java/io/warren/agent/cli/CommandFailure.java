package io.warren.agent.cli;

/** Ends the command with one line on standard error and a non-zero exit code. */
final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** The command line itself is wrong (unknown command, bad argument). */
  static final int USAGE = 2;
  /** The target cannot be found or refused, or the attach failed. */
  static final int FAILED = 1;

  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
