package dev.voicegate.audiohook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 8941 §4.2 parsing and §4.1 serialisation. */
class StructuredFieldParserTest {

    @Test
    void parsesEveryBareItemTypeWithParameters() {
        Map<String, SfMember> d = StructuredFieldParser.parseDictionary(
                "a=1, b=-2.5;x, c=\"q\\\"s\\\\\", d=tok/en:1, e=:aGVsbG8=:, f=?0, g;p=?1;q=7");

        assertThat(d).containsOnlyKeys("a", "b", "c", "d", "e", "f", "g");
        assertThat(d.get("a")).isEqualTo(SfItem.of(new SfBareItem.Int(1)));
        assertThat(d.get("b")).isEqualTo(new SfItem(new SfBareItem.Dec(new BigDecimal("-2.5")),
                Map.of("x", SfBareItem.Bool.TRUE)));
        assertThat(d.get("c")).isEqualTo(SfItem.of(new SfBareItem.Str("q\"s\\")));
        assertThat(d.get("d")).isEqualTo(SfItem.of(new SfBareItem.Token("tok/en:1")));
        assertThat(d.get("e")).isEqualTo(SfItem.of(new SfBareItem.Bytes("hello".getBytes(StandardCharsets.US_ASCII))));
        assertThat(d.get("f")).isEqualTo(SfItem.of(new SfBareItem.Bool(false)));
        assertThat(((SfItem) d.get("g")).value()).isEqualTo(SfBareItem.Bool.TRUE);
        assertThat(d.get("g").parameters()).containsExactly(
                Map.entry("p", SfBareItem.Bool.TRUE), Map.entry("q", new SfBareItem.Int(7)));
    }

    @Test
    void parsesInnerListsWithItemAndListParameters() {
        Map<String, SfMember> d = StructuredFieldParser.parseDictionary("sig1=( \"a\";k=1  \"b\" );created=5;n=\"x\"");

        SfInnerList list = (SfInnerList) d.get("sig1");
        assertThat(list.items()).containsExactly(
                new SfItem(new SfBareItem.Str("a"), Map.of("k", new SfBareItem.Int(1))),
                SfItem.of(new SfBareItem.Str("b")));
        assertThat(list.parameters()).containsExactly(
                Map.entry("created", new SfBareItem.Int(5)), Map.entry("n", new SfBareItem.Str("x")));
    }

    @Test
    void duplicateKeysKeepTheirFirstPositionAndTakeTheLastValue() {
        Map<String, SfMember> d = StructuredFieldParser.parseDictionary("a=1, b=2, a=3");
        SfMember item = StructuredFieldParser.parseDictionary("x=1;p=1;q=2;p=3").get("x");

        assertThat(d).containsExactly(
                Map.entry("a", SfItem.of(new SfBareItem.Int(3))), Map.entry("b", SfItem.of(new SfBareItem.Int(2))));
        assertThat(item.parameters()).containsExactly(
                Map.entry("p", new SfBareItem.Int(3)), Map.entry("q", new SfBareItem.Int(2)));
    }

    @Test
    void toleratesSurroundingSpacesAndTabsAroundCommas() {
        assertThat(StructuredFieldParser.parseDictionary("  a=1 ,\tb=2  ")).containsOnlyKeys("a", "b");
        assertThat(StructuredFieldParser.parseDictionary("")).isEmpty();
    }

    @Test
    void acceptsTheLargestIntegerAndDecimal() {
        Map<String, SfMember> d = StructuredFieldParser.parseDictionary("a=-999999999999999, b=999999999999.999");

        assertThat(((SfItem) d.get("a")).value()).isEqualTo(new SfBareItem.Int(-999_999_999_999_999L));
        assertThat(((SfItem) d.get("b")).value()).isEqualTo(new SfBareItem.Dec(new BigDecimal("999999999999.999")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "A=1",                      // key must be lower case
        "1a=1",                     // key must start with a letter or '*'
        "a=1,",                     // trailing comma
        "a=1 b=2",                  // missing comma
        "a=1,,b=2",                 // empty member
        "a=1000000000000000",       // 16-digit integer
        "a=1234567890123.5",        // 13 integer digits in a decimal
        "a=1.2345",                 // 4 fraction digits
        "a=1.",                     // no fraction digit
        "a=-",                      // sign without digits
        "a=\"unterminated",
        "a=\"bad\\escape\"",
        "a=\"tab\there\"",          // control character in a string
        "a=\"caf\u00e9\"",          // non-ASCII in a string
        "a=:aGVsbG8=",              // unterminated byte sequence
        "a=:aGV$bG8=:",             // not base64
        "a=:aG=VsbG8=:",            // padding in the middle
        "a=?2",                     // boolean is ?0 or ?1
        "a=(\"x\" \"y\"",           // unterminated inner list
        "a=(\"x\"\"y\")",           // items not separated by a space
        "a=1;",                     // parameter without a key
        "a=1;P=2",                  // upper-case parameter key
        "a=@x",                     // no item starts with '@'
        "a=",                       // missing value
        "\ta=1",                    // leading tab is not SP (RFC 8941 §4.2 discards leading SP only)
    })
    void rejectsMalformedDictionaries(String value) {
        assertThatThrownBy(() -> StructuredFieldParser.parseDictionary(value))
                .isInstanceOf(StructuredFieldException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void serialisesAnInnerListWithParametersExactlyAsParsed() {
        String text = "(\"@request-target\" \"x\";bs);keyid=\"k\\\"q\";created=1;flag;d=0.5;t=tok;b=:AQI=:;f=?0";

        SfMember parsed = StructuredFieldParser.parseDictionary("l=" + text).get("l");

        assertThat(StructuredFieldSerializer.serialize(parsed)).isEqualTo(text);
    }

    @Test
    void serialisesDecimalsWithOneToThreeFractionDigits() {
        assertThat(StructuredFieldSerializer.serialize(new SfBareItem.Dec(new BigDecimal("2")))).isEqualTo("2.0");
        assertThat(StructuredFieldSerializer.serialize(new SfBareItem.Dec(new BigDecimal("-0.25")))).isEqualTo("-0.25");
        assertThat(StructuredFieldSerializer.serialize(new SfBareItem.Dec(new BigDecimal("1.0005")))).isEqualTo("1.0");
        assertThat(StructuredFieldSerializer.serialize(new SfBareItem.Dec(new BigDecimal("1.0015")))).isEqualTo("1.002");
    }

    @Test
    void refusesToBuildValuesThatCannotBeSerialised() {
        assertThatThrownBy(() -> new SfBareItem.Str("line\nbreak")).isInstanceOf(StructuredFieldException.class);
        assertThatThrownBy(() -> new SfBareItem.Int(1_000_000_000_000_000L)).isInstanceOf(StructuredFieldException.class);
        assertThatThrownBy(() -> new SfBareItem.Token("1abc")).isInstanceOf(StructuredFieldException.class);
        assertThatThrownBy(() -> new SfItem(SfBareItem.Bool.TRUE, Map.of("Bad", SfBareItem.Bool.TRUE)))
                .isInstanceOf(StructuredFieldException.class);
        assertThatThrownBy(() -> new SfInnerList(List.of(), Map.of("", SfBareItem.Bool.TRUE)))
                .isInstanceOf(StructuredFieldException.class);
    }

    @Test
    void byteSequencesCompareByContentAndAreDefensivelyCopied() {
        byte[] raw = {1, 2};
        SfBareItem.Bytes bytes = new SfBareItem.Bytes(raw);
        raw[0] = 9;
        bytes.value()[1] = 9;

        assertThat(bytes).isEqualTo(new SfBareItem.Bytes(new byte[] {1, 2}));
        assertThat(bytes.toString()).isEqualTo("Bytes[2 bytes]");
    }
}
