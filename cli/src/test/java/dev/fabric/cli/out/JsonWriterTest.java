package dev.fabric.cli.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void prettyLayoutOfArraysOfObjects() {
    StringBuilder sb = new StringBuilder();
    JsonWriter w = new JsonWriter(sb);
    w.pretty(true);
    w.startObject();
    w.name("a");
    w.startArray();
    w.startObject();
    w.uintField("x", 1);
    w.endObject();
    w.startObject();
    w.endObject();
    w.endArray();
    w.name("ints");
    w.startArray();
    w.intValue(1);
    w.intValue(-2);
    w.endArray();
    w.name("empty");
    w.startArray();
    w.endArray();
    w.name("obj");
    w.startObject();
    w.endObject();
    w.endObject();
    w.destroy();
    assertEquals("{\n"
        + "    \"a\": [ {\n"
        + "            \"x\": 1\n"
        + "        },{} ],\n"
        + "    \"ints\": [ 1,-2 ],\n"
        + "    \"empty\": [ ],\n"
        + "    \"obj\": {}\n"
        + "}\n", sb.toString());
  }

  @Test
  void compactLayout() {
    StringBuilder sb = new StringBuilder();
    JsonWriter w = new JsonWriter(sb);
    w.startObject();
    w.stringField("s", "v");
    w.boolField("b", false);
    w.nullField("n");
    w.u64Field("big", -1L);
    w.uintField("u32", -1L);
    w.s64Field("neg", -5);
    w.floatField("f", 0.5);
    w.name("arr");
    w.startArray();
    w.string("x");
    w.endArray();
    w.endObject();
    w.destroy();
    assertEquals("{\"s\":\"v\",\"b\":false,\"n\":null,\"big\":18446744073709551615,"
        + "\"u32\":4294967295,\"neg\":-5,\"f\":0.5,\"arr\":[\"x\"]}\n", sb.toString());
  }

  @Test
  void escapingQuirks() {
    StringBuilder sb = new StringBuilder();
    JsonWriter w = new JsonWriter(sb);
    w.string("a\"b'c\td\ne\\f");
    assertEquals("\"a\\\"b\\'c\\td\\ne\\nf\"", sb.toString());
  }

  @Test
  void destroyWithOpenContainerFails() {
    JsonWriter w = new JsonWriter(new StringBuilder());
    w.startObject();
    assertThrows(IllegalStateException.class, w::destroy);
  }
}
