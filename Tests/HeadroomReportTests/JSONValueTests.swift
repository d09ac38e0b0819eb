import Foundation
import HeadroomReport
import Testing

/// Serialisation of ``JSONValue``: numbers, strings, layout, and agreement with Foundation's parser.
@Suite("JSONValue")
struct JSONValueTests {
    @Test("NaN and both infinities render as null, in values, arrays and objects")
    func nonFiniteNumbers() {
        #expect(JSONValue.number(.nan).rendered() == "null")
        #expect(JSONValue.number(.signalingNaN).rendered() == "null")
        #expect(JSONValue.number(.infinity).rendered() == "null")
        #expect(JSONValue.number(-.infinity).rendered() == "null")
        #expect(JSONValue.numbers([1, .nan, -.infinity, 2.5]).rendered(indent: nil) == "[1,null,null,2.5]")
        #expect(JSONValue.object([("x", .number(.infinity))]).rendered(indent: nil) == #"{"x":null}"#)
    }

    @Test("integers render without a fraction; integral doubles below 1e15 too; other doubles round-trip")
    func numbers() {
        #expect(JSONValue.integer(42).rendered() == "42")
        #expect(JSONValue.integer(-7).rendered() == "-7")
        #expect(JSONValue.integer(0).rendered() == "0")
        #expect(JSONValue.integer(Int.max).rendered() == "9223372036854775807")
        #expect(JSONValue.integer(Int.min).rendered() == "-9223372036854775808")
        #expect(JSONValue.number(3).rendered() == "3")
        #expect(JSONValue.number(-3).rendered() == "-3")
        #expect(JSONValue.number(-0.0).rendered() == "0")
        #expect(JSONValue.number(68e9).rendered() == "68000000000")
        #expect(JSONValue.number(999_999_999_999_999).rendered() == "999999999999999")
        #expect(JSONValue.number(2.5).rendered() == "2.5")
        #expect(JSONValue.number(0.1).rendered() == "0.1")
        #expect(JSONValue.number(-1.25e-7).rendered() == "-1.25e-07")
        // From 1e15 an integral double is written as Swift describes it (still valid JSON, same value).
        #expect(Double(JSONValue.number(1e15).rendered()) == 1e15)
        #expect(JSONValue.number(1e20).rendered() == "1e+20")
        #expect(JSONValue.number(5.31562499918251e+28).rendered() == "5.31562499918251e+28")
        // Every finite double renders to text that parses back to the same bits.
        for d in [
            0.1, 1.0 / 3, -2.5, 6.02214076e23, 1e-300, .leastNonzeroMagnitude, 123_456_789.125, .pi,
            -.greatestFiniteMagnitude,
        ] {
            let text = JSONValue.number(d).rendered()
            #expect(Double(text) == d, "\(d) rendered as \(text)")
        }
    }

    @Test("booleans and null")
    func literals() {
        #expect(JSONValue.bool(true).rendered() == "true")
        #expect(JSONValue.bool(false).rendered() == "false")
        #expect(JSONValue.null.rendered() == "null")
    }

    @Test("strings escape quotes, backslashes and control characters and keep other Unicode as is")
    func stringEscaping() {
        #expect(JSONValue.string("plain").rendered() == #""plain""#)
        #expect(JSONValue.string("").rendered() == #""""#)
        #expect(JSONValue.string(#"say "hi""#).rendered() == #""say \"hi\"""#)
        #expect(JSONValue.string(#"C:\dir\file"#).rendered() == #""C:\\dir\\file""#)
        #expect(JSONValue.string("a\nb\rc\td").rendered() == #""a\nb\rc\td""#)
        #expect(
            JSONValue.string("\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}").rendered()
                == #""\u0000\u0001\u0008\u000c\u001b\u001f""#)
        #expect(JSONValue.string("\u{20}").rendered() == "\" \"")
        #expect(JSONValue.string("B − A ≤ 2⁻¹² café 😀 数据").rendered() == "\"B − A ≤ 2⁻¹² café 😀 数据\"")
        // A CRLF pair is one Swift Character but two scalars; both must be escaped.
        #expect(JSONValue.string("x\r\ny").rendered() == #""x\r\ny""#)
        // Keys are escaped like values.
        #expect(JSONValue.object([("k\"\\\n", .integer(1))]).rendered(indent: nil) == #"{"k\"\\\n":1}"#)
    }

    @Test("compact rendering has no whitespace at all")
    func compact() {
        let doc = JSONValue.object([
            ("a", .integer(1)), ("b", .array([.integer(1), .number(2.5), .null])),
            ("c", .object([("d", .array([.object([("e", .bool(true))])]))])), ("f", .array([])), ("g", .object([])),
        ])
        #expect(doc.rendered(indent: nil) == #"{"a":1,"b":[1,2.5,null],"c":{"d":[{"e":true}]},"f":[],"g":{}}"#)
    }

    @Test("indented rendering: one member per line, scalar arrays on one line, nested containers indented")
    func indented() {
        let doc = JSONValue.object([
            ("a", .integer(1)), ("b", .array([.integer(1), .integer(2)])),
            ("c", .array([.object([("x", .null)]), .array([.string("y")])])), ("d", .object([])), ("e", .array([])),
        ])
        let expected = """
            {
              "a": 1,
              "b": [1, 2],
              "c": [
                {
                  "x": null
                },
                ["y"]
              ],
              "d": {},
              "e": []
            }
            """
        #expect(doc.rendered() == expected)
        #expect(doc.rendered(indent: 2) == expected)
        let four = JSONValue.object([("a", .object([("b", .integer(1))]))]).rendered(indent: 4)
        #expect(four == "{\n    \"a\": {\n        \"b\": 1\n    }\n}")
        // Indent 0 still puts members on their own lines.
        #expect(
            JSONValue.object([("a", .integer(1)), ("b", .integer(2))]).rendered(indent: 0)
                == "{\n\"a\": 1,\n\"b\": 2\n}")
    }

    @Test("object members keep insertion order; equality and hashing follow the rendering")
    func orderAndEquality() {
        let ab = JSONValue.object([("b", .integer(1)), ("a", .integer(2))])
        let ba = JSONValue.object([("a", .integer(2)), ("b", .integer(1))])
        #expect(ab.rendered(indent: nil) == #"{"b":1,"a":2}"#)
        #expect(ab != ba)
        #expect(ab == JSONValue.object([("b", .integer(1)), ("a", .integer(2))]))
        #expect(Set([ab, ab, ba]).count == 2)
        // The same text means the same value: an integral double equals the integer.
        #expect(JSONValue.number(3) == JSONValue.integer(3))
        #expect(JSONValue.number(.nan) == JSONValue.null)
    }

    @Test("a nested document round-trips through JSONSerialization, compact and indented")
    func foundationRoundTrip() throws {
        let awkward = "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u{7} nul \u{0} ünïcødé 😀 \u{2028}"
        let doubles: [Double] = [0, -0.5, 0.1, 1.0 / 3, 6.02214076e23, 1e-300, 1e15, 1e300, 123_456_789.125]
        let doc = JSONValue.object([
            ("name", .string(awkward)),
            (awkward, .string("key with everything")),
            ("count", .integer(4096)),
            ("flags", .array([.bool(true), .bool(false), .null])),
            ("values", .numbers(doubles)),
            ("nonfinite", .numbers([.nan, .infinity])),
            (
                "nested",
                .object([
                    (
                        "rows",
                        .array([
                            .object([("id", .string("a")), ("v", .number(1.5))]),
                            .object([("id", .string("b")), ("v", .array([.array([.integer(1)]), .object([])]))]),
                        ])
                    ),
                    ("empty", .array([])),
                ])
            ),
        ])
        for indent in [nil, 2, 4] as [Int?] {
            let text = doc.rendered(indent: indent)
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            let root = try #require(parsed as? [String: Any], "not an object: \(text)")
            #expect(root.count == 7)
            #expect(root["name"] as? String == awkward)
            #expect(root[awkward] as? String == "key with everything")
            #expect((root["count"] as? NSNumber)?.intValue == 4096)
            let flags = try #require(root["flags"] as? [Any])
            #expect(flags.count == 3)
            #expect(flags[0] as? Bool == true)
            #expect(flags[1] as? Bool == false)
            #expect(flags[2] is NSNull)
            let values = try #require(root["values"] as? [NSNumber])
            #expect(values.map(\.doubleValue) == doubles)
            let nonfinite = try #require(root["nonfinite"] as? [Any])
            #expect(nonfinite.count == 2 && nonfinite.allSatisfy { $0 is NSNull })
            let nested = try #require(root["nested"] as? [String: Any])
            let rows = try #require(nested["rows"] as? [[String: Any]])
            #expect(rows.count == 2)
            #expect(rows[0]["id"] as? String == "a")
            #expect((rows[0]["v"] as? NSNumber)?.doubleValue == 1.5)
            let v = try #require(rows[1]["v"] as? [Any])
            #expect(((v[0] as? [Any])?.first as? NSNumber)?.intValue == 1)
            #expect((v[1] as? [String: Any])?.isEmpty == true)
            #expect((nested["empty"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("scalars at the top level parse as JSON fragments")
    func fragments() throws {
        for (value, check) in [
            (JSONValue.string("a\"b"), { (x: Any) in x as? String == "a\"b" }),
            (JSONValue.number(2.5), { (x: Any) in (x as? NSNumber)?.doubleValue == 2.5 }),
            (JSONValue.null, { (x: Any) in x is NSNull }),
        ] {
            let parsed = try JSONSerialization.jsonObject(
                with: Data(value.rendered().utf8), options: [.fragmentsAllowed])
            #expect(check(parsed), "\(value.rendered())")
        }
    }
}
