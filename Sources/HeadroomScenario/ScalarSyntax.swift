import HeadroomModel

/// The lexical rules of scenario scalars: numbers, ids, months, null and boolean words, and number formatting.
///
/// The reader classifies plain scalars itself rather than through Yams' YAML 1.1 resolver, so that the rules are
/// exactly the documented ones (`450e9`, `1_000`, `+3` are numbers; `.nan`, `.inf`, `0x10` are not).
enum ScalarSyntax {
    /// The largest magnitude a number may have.
    static let numberLimit = 1e18

    /// Parses a number written `[+-]digits[.digits][e[+-]digits]` (underscores ignored); `nil` for anything else.
    ///
    /// The result may be infinite when the exponent overflows (`1e999`): callers check the range.
    static func number<S: StringProtocol>(_ text: S) -> Double? {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar != "_" {
            cleaned.append(scalar)
        }
        guard isNumberGrammar(cleaned) else { return nil }
        return Double(String(cleaned))
    }

    /// Whether `scalars` match `[+-]?(digits(.digits?)?|.digits)([eE][+-]?digits)?`.
    private static func isNumberGrammar(_ scalars: String.UnicodeScalarView) -> Bool {
        var index = scalars.startIndex
        func peek() -> Unicode.Scalar? { index < scalars.endIndex ? scalars[index] : nil }
        func advance() { index = scalars.index(after: index) }
        func digits() -> Int {
            var count = 0
            while let c = peek(), ("0"..."9").contains(c) {
                count += 1
                advance()
            }
            return count
        }
        if let c = peek(), c == "+" || c == "-" { advance() }
        var mantissaDigits = digits()
        if peek() == "." {
            advance()
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if let c = peek(), c == "e" || c == "E" {
            advance()
            if let sign = peek(), sign == "+" || sign == "-" { advance() }
            guard digits() > 0 else { return false }
        }
        return index == scalars.endIndex
    }

    /// Whether a plain scalar's text means null in YAML (`~`, `null`, empty).
    static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The boolean a plain scalar's text means (`true`, `false` in their YAML spellings), or `nil`.
    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// Whether a plain scalar is one of YAML's special floats (`.nan`, `.inf`, `-.Inf`, …).
    static func isSpecialFloat(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return [".nan", ".inf", "+.inf", "-.inf"].contains(lowered)
    }

    /// Whether `text` is a valid id: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    static func isID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isAlphanumeric(first) else { return false }
        return text.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    /// Whether `text` has the shape `YYYY-MM` (four digits, a dash, two digits), valid or not.
    static func looksLikeMonth(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7, scalars[4] == "-" else { return false }
        return scalars.enumerated().allSatisfy { index, c in index == 4 || ("0"..."9").contains(c) }
    }

    /// Formats a number so that it reads back bit-identical and every YAML reader reads it as the same number.
    ///
    /// Whole numbers below 10¹⁵ are written as integers (`450000000000`); others with the shortest digits that read
    /// back bit-identical, positionally when the decimal exponent is in −4…14 (`0.1`, `0.0001`, `1234.5`), else in
    /// scientific form with a dot in the mantissa and a signed exponent (`2.5e+15`, `1.0e-7`). That form is a float
    /// to YAML 1.1 readers (PyYAML reads `2.5e15` and `1e-07` as strings), to YAML 1.2's core schema and to JSON.
    static func format(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0.0" : "0" }
        guard value.isFinite else { return value.description }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        guard let (digits, exponent) = shortestDigits(abs(value)) else { return value.description }
        let sign = value < 0 ? "-" : ""
        if (-4..<15).contains(exponent) {
            if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
            let padded = digits + String(repeating: "0", count: max(0, exponent + 1 - digits.count))
            let whole = padded.prefix(exponent + 1)
            let fraction = padded.dropFirst(exponent + 1)
            return sign + whole + "." + (fraction.isEmpty ? "0" : fraction)
        }
        let rest = digits.dropFirst()
        return sign + digits.prefix(1) + "." + (rest.isEmpty ? "0" : rest) + "e" + (exponent < 0 ? "-" : "+")
            + String(abs(exponent))
    }

    /// The shortest significant digits that read back as `magnitude` (no leading or trailing zeros) and the decimal
    /// exponent of the first one: `2.5e15` gives `("25", 15)`, `0.001` gives `("1", -3)`.
    private static func shortestDigits(_ magnitude: Double) -> (digits: String, exponent: Int)? {
        // Swift's description has the shortest round-trip digits, as `ddd.ddd`, `d.ddde±XX` or `de±XX`.
        let text = magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
        guard let mantissa = parts.first else { return nil }
        var exponent = 0
        if parts.count == 2 {
            guard let parsed = Int(parts[1]) else { return nil }
            exponent = parsed
        }
        let halves = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = halves.first ?? ""
        let fraction = halves.count == 2 ? halves[1] : ""
        let all = whole + fraction
        guard !all.isEmpty, all.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let leadingZeros = all.prefix { $0 == "0" }.count
        var digits = String(all.dropFirst(leadingZeros))
        while digits.last == "0" { digits.removeLast() }
        guard !digits.isEmpty else { return nil }
        return (digits, whole.count - leadingZeros - 1 + exponent)
    }

    /// Whether a plain scalar with this text could be read as something other than a string by some reader.
    ///
    /// That is a number, boolean, null, date, merge key or special float in YAML 1.1 (PyYAML's `safe_load`), in
    /// YAML 1.2's core schema, or a number to Headroom. The writer quotes such words (ids like `2026`, `1e3`, `on`, `no`).
    static func isAmbiguousPlain(_ text: String) -> Bool {
        if isNull(text) || boolean(text) != nil || isSpecialFloat(text) || number(text) != nil { return true }
        if yaml11Booleans.contains(text) || text == "<<" || text == "=" { return true }
        guard let first = text.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else {
            return false
        }
        let patterns: [Regex<Substring>] = [
            // YAML 1.1 integers: binary, octal, decimal with underscores, hexadecimal, base 60.
            /[-+]?0b[0-1_]+/, /[-+]?0[0-7_]+/, /[-+]?(?:0|[1-9][0-9_]*)/, /[-+]?0x[0-9a-fA-F_]+/,
            /[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+/,
            // YAML 1.1 floats (a dot, and a sign in any exponent), including base 60.
            /[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?/, /\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?/,
            /[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*/,
            // YAML 1.1 timestamps: a date, or a date and a time.
            /[0-9]{4}-[0-9]{2}-[0-9]{2}/,
            #/
            [0-9]{4} - [0-9]{1,2} - [0-9]{1,2} (?:[Tt]|[\ \t]+) [0-9]{1,2} : [0-9]{2} : [0-9]{2} (?:\.[0-9]*)?
            (?:[\ \t]* (?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?
            /#,
            // YAML 1.2 core integers in octal and hexadecimal.
            /0o[0-7]+/, /0x[0-9a-fA-F]+/,
        ]
        return patterns.contains { text.wholeMatch(of: $0) != nil }
    }

    /// The booleans of YAML 1.1 beyond `true` and `false`.
    private static let yaml11Booleans: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    /// A short, readable rendering of arbitrary text for messages: at most 40 characters, control characters escaped.
    static func excerpt(_ text: String) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= 40 {
                result += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }
}

/// Edit distance between two strings, used to suggest the key or id that was probably meant.
enum Suggestion {
    /// The most candidates searched for a suggestion; larger id tables get no suggestion, so that a file with
    /// many bad references cannot make the reader quadratic.
    static let maximumCandidates = 2_000

    /// The candidate closest to `word` when it is close enough to be a likely typo, else `nil`.
    ///
    /// - Complexity: O(*c* · *n* · *m*) for *c* candidates of length *m* and a word of length *n*.
    static func closest<S: Sequence<String>>(to word: String, among candidates: S) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates.prefix(maximumCandidates) {
            if candidate.lowercased() == word.lowercased() { return candidate }
            let distance = editDistance(word, candidate, limit: limit)
            if distance <= limit, best.map({ distance < $0.distance }) ?? true {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours (optimal string
    /// alignment), giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars.prefix(200))
        let b = Array(b.unicodeScalars.prefix(200))
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
