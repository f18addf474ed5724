package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.warren.smoketest.apps.SteadyTraffic;
import io.warren.smoketest.apps.TrafficThatRefusesAttach;
import io.warren.smoketest.apps.TrafficToAttachByName;
import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.ZipkinSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar warren-agent.jar attach ...}, run as a user would, against consumers started
 * without the agent: the channel and consumer classes are already loaded, so they are
 * retransformed, and the messages that follow are traced with the settings given on the
 * command line. Every refusal is one line and a non-zero exit, and the target runs on.
 */
class AttachCommandIT extends SmokeTestBase {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TRAFFIC_TIMEOUT = Duration.ofSeconds(60);
  private static final String MAIN_CLASS = SteadyTraffic.class.getName();

  @Test
  void attachingByPidTracesTheMessagesThatFollowWithTheGivenSettingsOnly() throws Exception {
    String service = "attach-pid-" + id;
    String idPrefix = "ap-" + id;
    SteadyTrafficRun traffic = SteadyTrafficRun.start(withoutAgent(SteadyTraffic.class), logDir,
        service, broker.freshQueue("attach-pid"), idPrefix);
    String pid = Long.toString(traffic.pid());
    AgentJvm.Result attach;
    AgentJvm.Result again;
    Properties target;
    int attachedAfter;
    AgentJvm.Result result;
    try {
      traffic.awaitSentAtLeast(20, TRAFFIC_TIMEOUT);
      // Two values the agent cannot use: the command says so as the target will, and attaches.
      attach = command("attach-by-pid", "attach", pid, "otel.service.name=" + service,
          "otel.exporter.zipkin.endpoint=" + zipkin().spansEndpoint(), "otel.bsp.schedule.delay=200",
          "warren.debug=maybe", "otel.traces.sampler=bogus");
      attachedAfter = traffic.lastSent(); // the command returns once agentmain has run
      traffic.awaitSentAtLeast(attachedAfter + 60, TRAFFIC_TIMEOUT);
      target = systemPropertiesOf(pid);
      again = command("attach-again", "attach", pid, "otel.service.name=other-" + id);
      traffic.awaitSentAtLeast(traffic.lastSent() + 20, TRAFFIC_TIMEOUT);
    } finally {
      result = traffic.stop();
    }
    Expect.exitedNormally(result);
    assertAll(
        () -> assertEquals(0, attach.exitCode(), attach::describe),
        () -> assertEquals(List.of("[warren] attached to " + pid + " " + MAIN_CLASS + "; its "
            + "messages are traced from now on (settings: otel.service.name, "
            + "otel.exporter.zipkin.endpoint, otel.bsp.schedule.delay, warren.debug, "
            + "otel.traces.sampler)"), attach.stdout()),
        () -> assertEquals(2, attach.stderr().size(), attach::describe),
        () -> assertEquals("[warren] WARN warren.debug=maybe is not true or false; using false",
            attach.stderr().get(0), attach::describe),
        () -> assertTrue(attach.stderr().get(1).startsWith(
            "[warren] WARN otel.traces.sampler=bogus is invalid"), attach::describe),
        () -> assertNotNull(target.getProperty("io.warren.agent.started"), "the agent runs"),
        () -> assertNull(target.getProperty("otel.service.name"), "a system property"),
        () -> assertNull(target.getProperty("otel.exporter.zipkin.endpoint"), "a system property"),
        () -> assertNull(target.getProperty("otel.bsp.schedule.delay"), "a system property"),
        () -> refusedInOneLine(again, 1, "[warren] the agent is already running in " + pid + " "
            + MAIN_CLASS + "; nothing was loaded"),
        () -> assertEquals(attach.stderr(), AgentLog.warnings(result),
            "the target warned as the command said, and saw no second agent"),
        () -> assertEquals(List.of(), AgentLog.exceptions(result)));
    // The service name and the endpoint came from the command line alone: these spans prove both.
    assertEachMessageTraced(service, traffic, attachedAfter + 10);
  }

  /** Also from this JDK's command into a JDK 25 JVM, which warns about the dynamic agent. */
  @Test
  void attachingByAPartOfTheMainClassIntoAJdk25JvmTracesTheMessagesThatFollow() {
    String service = "attach-name-" + id;
    String idPrefix = "an-" + id;
    Path java25 = SmokeEnv.java25();
    assertTrue(Files.isExecutable(java25), "JDK 25 java not found at " + java25
        + " (set -Dsmoke.java25=...)");
    SteadyTrafficRun traffic = SteadyTrafficRun.start(
        withoutAgent(TrafficToAttachByName.class).java(java25), logDir, service,
        broker.freshQueue("attach-name"), idPrefix);
    AgentJvm.Result tooLong;
    AgentJvm.Result attach;
    int attachedAfter;
    AgentJvm.Result result;
    try {
      traffic.awaitSentAtLeast(10, TRAFFIC_TIMEOUT);
      // The first attach protocol (before Java 25, or asked for) carries at most 1024 bytes.
      tooLong = commandJvm("too-long").property("jdk.attach.compat", "true")
          .args("attach", "ToAttachByName", "otel.resource.attributes=notes=" + "x".repeat(1024))
          .run(COMMAND_TIMEOUT);
      attach = command("attach-by-name", "attach", "ToAttachByName",
          "otel.service.name=" + service, "otel.exporter.zipkin.endpoint=" + zipkin().spansEndpoint(),
          "otel.bsp.schedule.delay=200");
      attachedAfter = traffic.lastSent();
      traffic.awaitSentAtLeast(attachedAfter + 30, TRAFFIC_TIMEOUT);
    } finally {
      result = traffic.stop();
    }
    Expect.exitedNormally(result);
    assertAll(
        () -> refusedInOneLine(tooLong, 1, "[warren] the settings are too long to attach to "
            + traffic.pid() + " " + TrafficToAttachByName.class.getName() + " (Java 25): "),
        () -> assertTrue(tooLong.stderr().get(0).endsWith("; nothing was loaded"),
            tooLong::describe),
        () -> assertEquals(0, attach.exitCode(), attach::describe),
        () -> assertEquals(List.of("[warren] attached to " + traffic.pid() + " "
            + TrafficToAttachByName.class.getName() + "; its messages are traced from now on "
            + "(settings: otel.service.name, otel.exporter.zipkin.endpoint, "
            + "otel.bsp.schedule.delay)"), attach.stdout()),
        () -> assertEquals(List.of(), AgentLog.warnings(result)),
        () -> assertEquals(List.of(), AgentLog.exceptions(result)));
    assertEachMessageTraced(service, traffic, attachedAfter + 10);
  }

  @Test
  void everyRefusalIsOneLineAndANonZeroExitAndTheTargetRunsOn() throws Exception {
    String idPrefix = "ar-" + id;
    SteadyTrafficRun refusing = SteadyTrafficRun.start(
        withoutAgent(TrafficThatRefusesAttach.class).option("-XX:+DisableAttachMechanism"), logDir,
        "refusing-" + id, broker.freshQueue("attach-refused"), idPrefix);
    String refusingPid = Long.toString(refusing.pid());
    String testJvm = Long.toString(ProcessHandle.current().pid());
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    Process notAJvm = new ProcessBuilder("sleep", "120").start();
    String notAJvmCommand = notAJvm.info().command().orElse("sleep");
    List<AgentJvm.Result> refusals = new ArrayList<>();
    AgentJvm.Result usage;
    AgentJvm.Result result;
    boolean notAJvmAlive;
    try {
      refusing.awaitSentAtLeast(10, TRAFFIC_TIMEOUT);
      refusals.add(command("refusing-jvm", "attach", refusingPid, "otel.service.name=x"));
      refusals.add(command("exited-pid", "attach", Long.toString(exited.pid())));
      refusals.add(command("not-a-jvm", "attach", Long.toString(notAJvm.pid())));
      refusals.add(command("no-such-name", "attach", "NoSuchMain" + id));
      refusals.add(command("several-names", "attach", "."));
      refusals.add(command("bad-setting", "attach", refusingPid, "otel.service.name"));
      refusals.add(command("unknown-command", "detach", refusingPid));
      refusals.add(command("refusing-by-name", "attach", "TrafficThatRefuses"));
      usage = command("usage");
      refusing.awaitSentAtLeast(refusing.lastSent() + 20, TRAFFIC_TIMEOUT);
      notAJvmAlive = notAJvm.isAlive();
    } finally {
      notAJvm.destroy();
      result = refusing.stop();
    }
    Expect.exitedNormally(result);
    assertAll(
        () -> refusedInOneLine(refusals.get(0), 1, "[warren] pid " + refusingPid
            + " refuses the attach: its JVM was started with -XX:+DisableAttachMechanism"),
        () -> refusedInOneLine(refusals.get(1), 1, "[warren] no process has pid " + exited.pid()),
        () -> refusedInOneLine(refusals.get(2), 1, "[warren] pid " + notAJvm.pid()
            + " is not a JVM this user can attach to (" + notAJvmCommand + ")"),
        () -> assertTrue(notAJvmAlive, "a process that is no JVM is never signalled"),
        () -> refusedInOneLine(refusals.get(3), 1, "[warren] no JVM's main class contains "
            + "'NoSuchMain" + id + "'; JVMs it can attach to: "),
        () -> refusedInOneLine(refusals.get(4), 1, "[warren] '.' matches "),
        () -> assertTrue(refusals.get(4).stderr().get(0).contains(", " + testJvm + " ")
            || refusals.get(4).stderr().get(0).contains("(" + testJvm + " "),
            "lists the JVMs it matches, such as this test's: " + refusals.get(4).stderr()),
        () -> refusedInOneLine(refusals.get(5), 2, "[warren] 'otel.service.name' is not "
            + "setting=value (such as otel.service.name=orders)"),
        () -> refusedInOneLine(refusals.get(6), 2, "[warren] unknown command 'detach'; "),
        () -> refusedInOneLine(refusals.get(7), 1, "[warren] 'TrafficThatRefuses' matches only a"
            + " JVM that refuses the attach, started with -XX:+DisableAttachMechanism: "
            + refusingPid + " " + TrafficThatRefusesAttach.class.getName()),
        () -> assertEquals(0, usage.exitCode(), usage::describe),
        () -> assertTrue(usage.stdout().get(0).startsWith("usage: java -jar warren-agent.jar "
            + "attach <pid | part of the main class>"), usage::describe),
        () -> assertTrue(usage.stdout().stream().anyMatch(l -> l.startsWith("  " + testJvm + " ")),
            () -> "lists this test's JVM:\n" + usage.describe()),
        () -> assertFalse(usage.stdout().stream().anyMatch(l -> l.startsWith("  " + refusingPid
            + " ")), "a JVM that refuses the attach is not offered"),
        () -> assertEquals(List.of(), AgentLog.lines(result), "the refusing JVM heard nothing"),
        () -> assertFalse(result.stdout().stream().anyMatch(l -> l.contains("Full thread dump")),
            "the refusing JVM was not sent the attach signal"),
        () -> assertEquals(List.of(), AgentLog.exceptions(result)));
  }

  /** Runs {@code java -jar warren-agent.jar args...} to its end. */
  private AgentJvm.Result command(String name, String... args) {
    return commandJvm(name).args(args).run(COMMAND_TIMEOUT);
  }

  private AgentJvm commandJvm(String name) {
    return AgentJvm.jar(SmokeEnv.agentJar()).name("command-" + name).logDir(logDir);
  }

  /** A refusal: the exit code, one line on stderr that starts with {@code line}, nothing else. */
  private static void refusedInOneLine(AgentJvm.Result command, int exitCode, String line) {
    assertAll(command.name(),
        () -> assertEquals(exitCode, command.exitCode(), command::describe),
        () -> assertEquals(1, command.stderr().size(), command::describe),
        () -> assertTrue(command.stderr().get(0).startsWith(line), command::describe),
        () -> assertEquals(List.of(), command.stdout(), command::describe));
  }

  private static Properties systemPropertiesOf(String pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      return vm.getSystemProperties();
    } finally {
      vm.detach();
    }
  }

  /**
   * Every message from {@code firstChecked} on has a publish span and its child process span
   * under {@code service}; messages in flight while the classes were retransformed may go either
   * way, and those sent long before the attach have none.
   */
  private void assertEachMessageTraced(String service, SteadyTrafficRun traffic, int firstChecked) {
    int last = traffic.lastSent();
    List<ZipkinSpan> spans = zipkinClient().awaitSpans(service, 2 * (last - firstChecked + 1));
    Map<String, List<ZipkinSpan>> byId = spans.stream()
        .collect(Collectors.groupingBy(s -> s.tag("messaging.message.id")));
    for (int n = firstChecked; n <= last; n++) {
      String messageId = traffic.idPrefix() + "-" + n;
      List<ZipkinSpan> ofMessage = byId.getOrDefault(messageId, List.of());
      assertEquals(2, ofMessage.size(), () -> messageId + ": " + ofMessage);
      ZipkinSpan publish = ofMessage.stream().filter(s -> "PRODUCER".equals(s.kind()))
          .findFirst().orElseThrow();
      ZipkinSpan process = ofMessage.stream().filter(s -> "CONSUMER".equals(s.kind()))
          .findFirst().orElseThrow();
      Expect.childOf(publish, process);
    }
    assertTrue(byId.keySet().stream().noneMatch(i -> traffic.number(i) <= 5),
        "messages sent long before the attach have no spans: " + byId.keySet());
  }
}
