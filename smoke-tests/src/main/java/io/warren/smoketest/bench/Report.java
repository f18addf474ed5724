package io.warren.smoketest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's result: its table on standard output and in NAME.md, its runs in NAME-runs.csv. */
final class Report {
  private Report() {}

  /** @return what was written, for the benchmark's log */
  static String publish(Path folder, String name, String table, String runs) throws IOException {
    System.out.println();
    System.out.println(table);
    Path markdown = Files.writeString(folder.resolve(name + ".md"), table);
    Path csv = Files.writeString(folder.resolve(name + "-runs.csv"), runs);
    return "Wrote " + markdown + " and " + csv;
  }

  /** A failure's first line, for a table cell or a log line; "" for none. */
  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
