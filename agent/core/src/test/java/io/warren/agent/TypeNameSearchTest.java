package io.warren.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TypeNameSearchTest {

  @Test
  void findsANameAnywhere() {
    TypeNameSearch search = new TypeNameSearch(List.of("org/example/lib/Envelope"));
    assertTrue(search.foundIn(bytes("org/example/lib/Envelope")));
    assertTrue(search.foundIn(bytes("xxorg/example/lib/Envelope;")));
    assertTrue(search.foundIn(bytes("Lorg/example/lib/Envelop;org/example/lib/Envelope")));
    assertFalse(search.foundIn(bytes("org/example/lib/Envelop")));
    assertFalse(search.foundIn(bytes("")));
  }

  @Test
  void findsEachOfSeveralNamesWithOrWithoutASharedPrefix() {
    TypeNameSearch sharing =
        new TypeNameSearch(List.of("org/example/lib/Envelope", "org/example/lib/GetResponse"));
    TypeNameSearch unrelated =
        new TypeNameSearch(List.of("org/example/lib/Envelope", "com/example/Handler"));
    assertTrue(sharing.foundIn(bytes("x org/example/lib/GetResponse;")));
    assertTrue(sharing.foundIn(bytes("org/example/lib/Envelope")));
    assertFalse(sharing.foundIn(bytes("org/example/lib/GetRespons")));
    assertFalse(sharing.foundIn(bytes("org/example/lib/Channel")));
    assertTrue(unrelated.foundIn(bytes("Lcom/example/Handler;")));
    assertFalse(unrelated.foundIn(bytes("com/example/Handle")));
  }

  @Test
  void looksOnlyWithinTheRangeGiven() {
    TypeNameSearch search = new TypeNameSearch(List.of("lib/Envelope"));
    byte[] bytes = bytes("..lib/Envelope..");
    assertTrue(search.foundIn(bytes, 2, 14));
    assertFalse(search.foundIn(bytes, 3, 16), "starts before the range");
    assertFalse(search.foundIn(bytes, 0, 13), "ends after the range");
  }

  @Test
  void noNamesFindNothingAndAnEmptyNameEverything() {
    assertTrue(new TypeNameSearch(List.of()).isEmpty());
    assertFalse(new TypeNameSearch(List.of()).foundIn(bytes("anything")));
    assertTrue(new TypeNameSearch(List.of("", "lib/Envelope")).foundIn(bytes("x")));
  }

  /** The skipping search against the plain one, on text made of few letters so names recur. */
  @Test
  void agreesWithAPlainSearchOnRandomText() {
    Random random = new Random(13);
    String letters = "ab/;L";
    for (int trial = 0; trial < 3000; trial++) {
      List<String> names = new ArrayList<String>();
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        names.add(randomText(random, letters, 1 + random.nextInt(40)));
      }
      String text = randomText(random, letters, random.nextInt(200));
      boolean expected = names.stream().anyMatch(text::contains);
      assertEquals(expected, new TypeNameSearch(names).foundIn(bytes(text)),
          () -> "names " + names + " in " + text);
    }
  }

  private static String randomText(Random random, String letters, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(letters.charAt(random.nextInt(letters.length())));
    }
    return text.toString();
  }

  private static byte[] bytes(String content) {
    return content.getBytes(StandardCharsets.UTF_8);
  }
}
