package io.warren.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The target is one listed JVM, by pid or by a part of its main class, or a clear refusal. */
class TargetTest {

  private final RunningJvm orders = RunningJvm.fromDisplayName("101", "com.acme.OrdersApp --port=1");
  private final RunningJvm billing = RunningJvm.fromDisplayName("202", "/opt/billing.jar");
  private final RunningJvm ordersAdmin = RunningJvm.fromDisplayName("303", "com.acme.OrdersAdmin");

  @Test
  void aListedPidOrAUniquePartOfAMainClassNamesOneJvm() throws CommandFailure {
    List<RunningJvm> jvms = List.of(orders, billing);
    assertSame(orders, Target.resolve("101", jvms));
    assertSame(orders, Target.resolve("Orders", jvms));
    assertSame(billing, Target.resolve("billing.jar", jvms));
    assertEquals("101 com.acme.OrdersApp", orders.toString());
  }

  @Test
  void aNameMatchingSeveralJvmsListsThem() {
    CommandFailure failure = assertThrows(CommandFailure.class,
        () -> Target.resolve("Orders", List.of(orders, billing, ordersAdmin)));
    assertEquals("'Orders' matches 2 JVMs (101 com.acme.OrdersApp, 303 com.acme.OrdersAdmin); "
        + "give the pid of one", failure.getMessage());
    assertEquals(CommandFailure.FAILED, failure.exitCode());
  }

  @Test
  void aNameMatchingNoneSaysWhatThereIs() {
    CommandFailure failure = assertThrows(CommandFailure.class,
        () -> Target.resolve("Shipping", List.of(orders, billing)));
    assertEquals("no JVM's main class contains 'Shipping'; JVMs it can attach to: "
        + "101 com.acme.OrdersApp, 202 /opt/billing.jar", failure.getMessage());
  }

  @Test
  void aNameMatchingOnlyJvmsThatRefuseTheAttachSaysSo() throws CommandFailure {
    RunningJvm steady = new RunningJvm("404", "io.warren.smoketest.apps.SteadyTraffic");
    CommandFailure failure = assertThrows(CommandFailure.class,
        () -> Target.resolve("Steady", List.of(orders, billing), () -> List.of(steady)));
    assertEquals("'Steady' matches only a JVM that refuses the attach, started with "
        + "-XX:+DisableAttachMechanism: 404 io.warren.smoketest.apps.SteadyTraffic",
        failure.getMessage());
    assertEquals(CommandFailure.FAILED, failure.exitCode());
    assertSame(orders, Target.resolve("Orders", List.of(orders), () -> List.of(steady)));
  }

  @Test
  void theMainClassOfACommandLineIsItsFirstWordThatIsNoOption() {
    assertEquals("com.acme.Steady", LocalJvms.mainClassOf(new String[] {
        "-Xmx256m", "-XX:+DisableAttachMechanism", "-cp", "/opt/Steady/classes", "com.acme.Steady",
        "--queue=q"}));
    assertEquals("/opt/billing.jar", LocalJvms.mainClassOf(new String[] {
        "-Dx=y", "-jar", "/opt/billing.jar", "serve"}));
    assertEquals("app/com.acme.Main", LocalJvms.mainClassOf(new String[] {
        "--module-path", "mods", "-m", "app/com.acme.Main"}));
    assertEquals("", LocalJvms.mainClassOf(new String[] {"-version"}));
  }

  @Test
  void anUnlistedPidIsExplainedNeverAttachedTo() {
    long finished = ProcessHandle.current().pid() + 1_000_000_000L;
    CommandFailure failure = assertThrows(CommandFailure.class,
        () -> Target.resolve(Long.toString(finished), List.of(orders)));
    assertEquals("no process has pid " + finished, failure.getMessage());
    // This test's own JVM is not in the given list: a JVM, but not one to attach to.
    String self = Target.whyNotListed(ProcessHandle.current().pid());
    assertTrue(self.startsWith("pid " + ProcessHandle.current().pid() + " is a JVM that does not "
        + "accept an attach"), self);
  }
}
