package io.warren.smoketest.apps;

import java.lang.management.ManagementFactory;

/** Prints {@code HEAP-USED-BYTES <n>}: the heap still in use after full garbage collections. */
final class HeapReport {
  private HeapReport() {}

  static void print() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println("HEAP-USED-BYTES " + used);
  }
}
