package io.warren.agent.cli;

import io.warren.agent.SettingsCheck;
import io.warren.agent.WarrenAgent;
import java.io.File;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code java -jar warren-agent.jar} (usage and the JVMs it can attach to) and
 * {@code java -jar warren-agent.jar attach <pid | part of a main class> [key=value ...]}. Every
 * failure is one line on standard error and a non-zero exit code; the target is never touched
 * before the command line and the target have been checked.
 */
public final class CommandLine {

  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final String USAGE =
      "usage: java -jar warren-agent.jar attach <pid | part of the main class> [setting=value ...]";

  private CommandLine() {}

  /** Called by {@code io.warren.agent.WarrenCommand}; returns the exit code. */
  public static int run(String[] arguments) {
    return run(arguments, System.out, System.err);
  }

  static int run(String[] arguments, PrintStream out, PrintStream err) {
    try {
      List<String> words = Arrays.asList(arguments);
      if (words.isEmpty() || words.get(0).equals("help") || words.get(0).equals("-h")
          || words.get(0).equals("--help")) {
        usage(out);
        return 0;
      }
      if (!words.get(0).equals("attach")) {
        throw new CommandFailure(CommandFailure.USAGE, "unknown command '" + words.get(0)
            + "'; " + USAGE.substring("usage: ".length()));
      }
      if (words.size() < 2) {
        throw new CommandFailure(CommandFailure.USAGE, "attach to which JVM? " + USAGE);
      }
      Map<String, String> settings = settings(words.subList(2, words.size()));
      File agentJar = ownJar();
      if (!settings.isEmpty()) {
        checkSettings(settings, err);
      }
      requireAttachApi();
      RunningJvm jvm = Target.resolve(words.get(1), LocalJvms.list());
      AgentAttach.load(jvm, agentJar, settings);
      out.println("[warren] attached to " + jvm + "; its messages are traced from now on"
          + (settings.isEmpty() ? ""
              : " (settings: " + String.join(", ", settings.keySet()) + ")"));
      return 0;
    } catch (CommandFailure failure) {
      err.println("[warren] " + failure.getMessage());
      return failure.exitCode();
    }
  }

  /** The {@code key=value} words after the target, in order. */
  static Map<String, String> settings(List<String> words) throws CommandFailure {
    Map<String, String> settings = new LinkedHashMap<String, String>();
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals <= 0) {
        throw new CommandFailure(CommandFailure.USAGE,
            "'" + word + "' is not setting=value (such as otel.service.name=orders)");
      }
      String name = word.substring(0, equals);
      if (!SETTING_NAME.matcher(name).matches()) {
        throw new CommandFailure(CommandFailure.USAGE, "'" + name
            + "' is not a setting name (letters, digits, '.', '-', '_', such as warren.debug)");
      }
      if (settings.put(name, word.substring(equals + 1)) != null) {
        throw new CommandFailure(CommandFailure.USAGE, name + " is given twice");
      }
    }
    return settings;
  }

  /**
   * Prints the warnings the agent will print in the target for {@code settings} (its checks run
   * here first), so that a typo shows where it was typed. They never stop the attach: the agent
   * uses the default instead, as it does at JVM start.
   */
  private static void checkSettings(Map<String, String> settings, PrintStream err) {
    PrintStream original = System.err;
    System.setErr(err);
    try {
      SettingsCheck.preview(settings);
    } catch (Throwable t) {
      err.println("[warren] the settings could not be checked before the attach ("
          + AgentAttach.rootCause(t) + "); the target reports any problem in its own output");
    } finally {
      System.setErr(original);
    }
  }

  private static void usage(PrintStream out) {
    out.println(USAGE);
    out.println("  Loads Warren into a running JVM (Java " + WarrenAgent.SUPPORTED_JAVA
        + " or newer): the messages it publishes and consumes from then on are traced.");
    out.println("  The settings (otel.service.name=orders, otel.exporter.zipkin.endpoint=URL,"
        + " warren.*) apply to the agent only, not to the JVM's system properties.");
    if (!LocalJvms.attachApiPresent()) {
      out.println("JVMs it can attach to: unknown, " + noAttachApi());
      return;
    }
    List<RunningJvm> jvms = LocalJvms.list();
    out.println("JVMs it can attach to:" + (jvms.isEmpty() ? " none" : ""));
    for (RunningJvm jvm : jvms) {
      out.println("  " + jvm);
    }
  }

  private static void requireAttachApi() throws CommandFailure {
    if (!LocalJvms.attachApiPresent()) {
      throw new CommandFailure(CommandFailure.FAILED, noAttachApi());
    }
  }

  private static String noAttachApi() {
    return "this Java (" + System.getProperty("java.home") + ") has no Attach API (module "
        + "jdk.attach): run the command with a JDK's java";
  }

  /** The jar this class was loaded from: the agent jar to load into the target. */
  private static File ownJar() throws CommandFailure {
    try {
      File jar = new File(
          CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (jar.isFile()) {
        return jar;
      }
    } catch (Exception e) {
      // reported below
    }
    throw new CommandFailure(CommandFailure.FAILED,
        "run the command from the agent jar: java -jar warren-agent.jar attach ...");
  }
}
