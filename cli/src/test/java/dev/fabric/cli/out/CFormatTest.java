package dev.fabric.cli.out;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CFormatTest {

  @Test
  void integers() {
    assertEquals("4294967295", CFormat.format("%u", -1L));
    assertEquals("18446744073709551615", CFormat.format("%lu", -1L));
    assertEquals("18446744073709551615", CFormat.format("%llu", -1L));
    assertEquals("-1", CFormat.format("%d", 4294967295L));
    assertEquals("0a ", CFormat.format("%02x ", 10));
    assertEquals("0000000000007ff8 ", CFormat.format("%016lx ", 32760L));
    assertEquals("0x2a 0", CFormat.format("%#x %#x", 42, 0));
    assertEquals("  5%", CFormat.format("%3lu%%", 5L));
    assertEquals("-7  |", CFormat.format("%-4d|", -7));
    assertEquals("+3 0003", CFormat.format("%+d %.4d", 3, 3));
  }

  @Test
  void strings() {
    assertEquals("ab   |", CFormat.format("%-5s|", "ab"));
    assertEquals("   ab", CFormat.format("%5s", "ab"));
    assertEquals("(null)", CFormat.format("%s", (Object) null));
    assertEquals("abc", CFormat.format("%.3s", "abcdef"));
    assertEquals("   x|", CFormat.format("%*s|", 4, "x"));
    assertEquals("x   |", CFormat.format("%-*s|", 4, "x"));
    assertEquals("true", CFormat.format("%s", true));
    assertEquals("name max_macs ", CFormat.format("name %s ", "max_macs"));
  }

  @Test
  void floats() {
    assertEquals("0.5", CFormat.format("%g", 0.5));
    assertEquals("100000", CFormat.format("%g", 100000.0));
    assertEquals("1e+06", CFormat.format("%g", 1000000.0));
    assertEquals("1.23457e-05", CFormat.format("%g", 0.0000123456789));
    assertEquals("0", CFormat.format("%g", 0.0));
    assertEquals("10", CFormat.format("%.0f", 10.0));
    assertEquals("2.50", CFormat.format("%.2f", 2.5));
    assertEquals("1.500000e+00", CFormat.format("%e", 1.5));
  }

  @Test
  void rateAndNameValueHelpers() {
    DlOut o = DlOut.text();
    o.printRate(false, Print.ANY, "tx_share", " tx_share %s", 1250000L);
    o.printRate(false, Print.ANY, "tx_max", " tx_max %s", 12500000L);
    o.printRate(true, Print.ANY, "r", " r %s", 128L);
    o.printStringNameValue("fw.mgmt", "10.20.30");
    assertEquals(" tx_share 10Mbit tx_max 100Mbit r 1Kibit" + "fw.mgmt 10.20.30", o.finish());

    DlOut j = DlOut.json(false);
    j.openJsonObject(null);
    j.printRate(false, Print.ANY, "tx_share", " tx_share %s", 1250000L);
    j.print0xhex(Print.ANY, "h", "%x", 42);
    j.printHex(Print.ANY, "h2", "%x", 255);
    j.closeJsonObject();
    assertEquals("{\"tx_share\":1250000,\"h\":\"0x2a\",\"h2\":\"ff\"}\n", j.finish());
  }

  @Test
  void textModeArraysPrintTheirDelimiters() {
    DlOut o = DlOut.text();
    o.openJsonArray(Print.ANY, "[");
    o.printUint(Print.ANY, null, "%u", 1);
    o.closeJsonArray(Print.ANY, "]");
    o.closeJsonArray(Print.JSON, null);
    assertEquals("[1]", o.finish());
  }

  @Test
  void binaryValueText() {
    DlOut o = DlOut.text();
    byte[] b = new byte[18];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    o.prOutBinaryValue(b);
    assertEquals("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f \n10 11 \n", o.finish());
  }
}
