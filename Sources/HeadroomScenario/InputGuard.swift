import Yams

/// Limits checked before and right after YAML parsing, so that no input can exhaust the stack, the memory or the
/// patience of the reader.
///
/// Before parsing, a light scanner that follows YAML's lexical rules closely enough (quotes, comments, block
/// scalars, flow brackets, indentation) estimates the nesting depth, and rejects complex mapping keys (explicit `?`
/// keys, aliases or collections used as keys), which a scenario never needs and which would let an alias bomb hide
/// in a key that the parser hashes. After parsing, the composed tree is measured exactly, expanding aliases, with
/// an iterative walk that stops at the node limit.
enum InputGuard {
    /// The largest input accepted, in bytes (16 MiB).
    static let maximumBytes = 16 * 1024 * 1024
    /// The deepest nesting of collections accepted.
    static let maximumDepth = 128
    /// The most nodes accepted after alias expansion.
    static let maximumNodes = 1_000_000

    /// A problem found by the guard, located in the text.
    struct Problem: Equatable {
        var code: ScenarioDiagnostic.Code
        var message: String
        var line: Int
        var column: Int
    }

    // MARK: Before parsing

    /// Scans UTF-8 text for excessive nesting and complex keys.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    static func scan(_ bytes: [UInt8]) -> Problem? {
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        var flowDepth = 0
        var indentStack: [Int] = []
        var compact = 0
        var quote: UInt8?
        var blockScalar: (parentIndent: Int, contentIndent: Int?)?
        var plainInFlow = false
        var blockPlainIndent: Int?
        /// Scalars and collections started so far: a lower bound on the parsed tree's node count.
        var tokens = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }
        static func isBlank(_ b: UInt8?) -> Bool { b == nil || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        static func isFlowIndicator(_ b: UInt8?) -> Bool {
            b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D
        }

        /// The 1-based column of byte offset `i` on the current line, counted in Unicode scalars.
        func column(_ i: Int) -> Int {
            var count = 1
            var j = lineStart
            while j < i && j < bytes.count {
                if bytes[j] & 0xC0 != 0x80 { count += 1 }
                j += 1
            }
            return count
        }

        func problem(_ code: ScenarioDiagnostic.Code, _ message: String, at i: Int) -> Problem {
            Problem(code: code, message: message, line: line, column: column(i))
        }

        mutating func run() -> Problem? {
            while lineStart < bytes.count {
                var end = lineStart
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                if let found = scanLine(end: end) { return found }
                if tokens > InputGuard.maximumNodes {
                    return Problem(
                        code: .tooLarge, message: "the document has more than \(InputGuard.maximumNodes) nodes",
                        line: line, column: 1)
                }
                lineStart = end + 1
                line += 1
            }
            return nil
        }

        /// Scans the line `lineStart..<end`.
        mutating func scanLine(end: Int) -> Problem? {
            var i = lineStart
            if let open = quote {
                guard let after = closeQuote(open, from: i, end: end) else { return nil }
                quote = nil
                i = after
                return scanTokens(from: i, end: end, inPlain: false, atStart: false)
            }
            var indent = 0
            while lineStart + indent < end && bytes[lineStart + indent] == 0x20 { indent += 1 }
            let first = byte(lineStart + indent)
            let blank = lineStart + indent >= end || first == 0x0D || first == 0x09
            if let scalar = blockScalar {
                if blank { return nil }
                if let content = scalar.contentIndent {
                    if indent >= content { return nil }
                } else if indent > scalar.parentIndent {
                    blockScalar = (scalar.parentIndent, indent)
                    return nil
                }
                blockScalar = nil
            }
            if blank || first == 0x23 { return nil }
            if plainInFlow {
                return scanTokens(from: lineStart + indent, end: end, inPlain: true, atStart: false)
            }
            if let plainIndent = blockPlainIndent, indent > plainIndent {
                return scanTokens(from: lineStart + indent, end: end, inPlain: true, atStart: false)
            }
            blockPlainIndent = nil
            compact = 0
            var start = lineStart + indent
            if indent == 0, end - lineStart >= 3, Self.isBlank(byte(lineStart + 3)),
                bytes[lineStart..<(lineStart + 3)].elementsEqual("---".utf8)
                    || bytes[lineStart..<(lineStart + 3)].elementsEqual("...".utf8)
            {
                // A document marker, possibly followed by content on the same line.
                start += 3
            }
            if flowDepth == 0 {
                while let last = indentStack.last, last > indent { indentStack.removeLast() }
                if indentStack.last.map({ $0 < indent }) ?? true { indentStack.append(indent) }
                if let found = checkDepth(at: lineStart + indent) { return found }
            }
            return scanTokens(from: start, end: end, inPlain: false, atStart: true, indent: indent)
        }

        func checkDepth(at i: Int) -> Problem? {
            let depth = indentStack.count + compact + flowDepth
            guard depth > InputGuard.maximumDepth else { return nil }
            return problem(
                .tooDeep, "the document nests deeper than \(InputGuard.maximumDepth) levels", at: min(i, bytes.count))
        }

        /// Returns the offset after the closing quote, or `nil` when the quote runs past the line.
        func closeQuote(_ open: UInt8, from start: Int, end: Int) -> Int? {
            var i = start
            while i < end {
                let b = bytes[i]
                if open == 0x22 && b == 0x5C {
                    i += 2
                    continue
                }
                if b == open {
                    if open == 0x27 && byte(i + 1) == 0x27 {
                        i += 2
                        continue
                    }
                    return i + 1
                }
                i += 1
            }
            return nil
        }

        mutating func scanTokens(
            from start: Int, end: Int, inPlain startPlain: Bool, atStart startAtStart: Bool,
            indent: Int = 0
        ) -> Problem? {
            var i = start
            var inPlain = startPlain
            var atStart = startAtStart
            while i < end {
                let b = bytes[i]
                let next = byte(i + 1)
                let previousBlank = i == lineStart || Self.isBlank(bytes[i - 1])
                if inPlain {
                    if flowDepth > 0 && Self.isFlowIndicator(b) {
                        inPlain = false
                        continue
                    }
                    if b == 0x3A && (Self.isBlank(next) || (flowDepth > 0 && Self.isFlowIndicator(next))) {
                        inPlain = false
                        atStart = true
                        i += 1
                        continue
                    }
                    if b == 0x23 && previousBlank { break }
                    i += 1
                    continue
                }
                switch b {
                case 0x20, 0x09, 0x0D:
                    i += 1
                    continue
                case 0x23 where previousBlank:
                    i = end
                    continue
                case 0x22 where atStart, 0x27 where atStart:
                    tokens += 1
                    guard let after = closeQuote(b, from: i + 1, end: end) else {
                        quote = b
                        return nil
                    }
                    i = after
                    atStart = false
                    continue
                case 0x5B where atStart || flowDepth > 0, 0x7B where atStart || flowDepth > 0:
                    flowDepth += 1
                    tokens += 1
                    if let found = checkDepth(at: i) { return found }
                    atStart = true
                case 0x5D where flowDepth > 0, 0x7D where flowDepth > 0:
                    flowDepth -= 1
                    atStart = false
                    if let colon = skipSpaces(from: i + 1, end: end), bytes[colon] == 0x3A {
                        return problem(.syntax, "a list or mapping cannot be used as a mapping key", at: i)
                    }
                case 0x2C where flowDepth > 0:
                    atStart = true
                case 0x3A where Self.isBlank(next) || flowDepth > 0:
                    atStart = true
                case 0x2D where atStart && Self.isBlank(next) && flowDepth == 0:
                    compact += 1
                    if let found = checkDepth(at: i) { return found }
                case 0x3F where atStart && Self.isBlank(next):
                    return problem(.syntax, "explicit '?' mapping keys are not supported; keys are plain names", at: i)
                case 0x7C where atStart && flowDepth == 0, 0x3E where atStart && flowDepth == 0:
                    blockScalar = (indent, nil)
                    return nil
                case 0x26 where atStart, 0x21 where atStart:
                    while i < end && !Self.isBlank(bytes[i]) && !(flowDepth > 0 && Self.isFlowIndicator(bytes[i])) {
                        i += 1
                    }
                    continue
                case 0x2A where atStart:
                    tokens += 1
                    i += 1
                    while i < end, Self.isAnchorCharacter(bytes[i]) { i += 1 }
                    if let colon = skipSpaces(from: i, end: end), bytes[colon] == 0x3A,
                        Self.isBlank(byte(colon + 1)) || flowDepth > 0
                    {
                        return problem(.syntax, "an alias cannot be used as a mapping key", at: i)
                    }
                    atStart = false
                    continue
                default:
                    inPlain = true
                    tokens += 1
                }
                i += 1
            }
            if inPlain {
                if flowDepth > 0 {
                    plainInFlow = true
                } else {
                    blockPlainIndent = blockPlainIndent ?? indent
                }
            } else {
                plainInFlow = false
            }
            return nil
        }

        static func isAnchorCharacter(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }

        func skipSpaces(from start: Int, end: Int) -> Int? {
            var i = start
            while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
            return i < end ? i : nil
        }
    }

    // MARK: After parsing

    /// Measures the composed tree (aliases expanded): reports more than ``maximumNodes`` nodes or nesting deeper
    /// than ``maximumDepth``.
    ///
    /// - Complexity: O(min(*n*, ``maximumNodes``)); iterative, so no recursion whatever the depth.
    static func measure(_ root: Node) -> Problem? {
        var stack: [(node: Node, depth: Int)] = [(root, 0)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > maximumNodes {
                let mark = root.mark
                return Problem(
                    code: .tooLarge,
                    message: "the document has more than \(maximumNodes) nodes once aliases are expanded",
                    line: mark?.line ?? 1, column: mark?.column ?? 1)
            }
            if depth > maximumDepth {
                return Problem(
                    code: .tooDeep, message: "the document nests deeper than \(maximumDepth) levels",
                    line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            case .sequence(let sequence):
                for item in sequence { stack.append((item, depth + 1)) }
            case .scalar, .alias:
                break
            }
        }
        return nil
    }
}
